"""What the demo data is drawn from: common names, places, products, companies, provision records, staff."""

from __future__ import annotations

from typing import NamedTuple


class Name(NamedTuple):
    kanji: str
    kana: str
    romaji: str


class City(NamedTuple):
    name: str
    postal_prefix: str  # first three digits of the postal code
    area_code: str  # trunk prefix included: "03", "0985"


class Prefecture(NamedTuple):
    name: str
    population: int  # in ten thousands; weights where customers live
    cities: tuple[City, ...]


class Product(NamedTuple):
    code: str
    name: str
    price_yen: int  # tax included
    weight: int
    max_quantity: int


class Provision(NamedTuple):
    recipient_name: str
    recipient_address: str
    items: str
    purpose: str
    basis: str  # a ProvisionBasis value
    weight: int
    shopping_credit_only: bool


def _names(text: str) -> tuple[Name, ...]:
    words = text.split()
    return tuple(Name(*words[i : i + 3]) for i in range(0, len(words), 3))


# Common surnames and given names only, so no generated person is anyone in particular.
FAMILY_NAMES = _names("""
佐藤 サトウ sato 鈴木 スズキ suzuki 高橋 タカハシ takahashi 田中 タナカ tanaka 伊藤 イトウ ito
渡辺 ワタナベ watanabe 山本 ヤマモト yamamoto 中村 ナカムラ nakamura 小林 コバヤシ kobayashi 加藤 カトウ kato
吉田 ヨシダ yoshida 山田 ヤマダ yamada 佐々木 ササキ sasaki 山口 ヤマグチ yamaguchi 松本 マツモト matsumoto
井上 イノウエ inoue 木村 キムラ kimura 林 ハヤシ hayashi 斎藤 サイトウ saito 清水 シミズ shimizu
山崎 ヤマザキ yamazaki 森 モリ mori 池田 イケダ ikeda 橋本 ハシモト hashimoto 阿部 アベ abe
石川 イシカワ ishikawa 山下 ヤマシタ yamashita 中島 ナカジマ nakajima 石井 イシイ ishii 小川 オガワ ogawa
前田 マエダ maeda 岡田 オカダ okada 長谷川 ハセガワ hasegawa 藤田 フジタ fujita 後藤 ゴトウ goto
近藤 コンドウ kondo 村上 ムラカミ murakami 遠藤 エンドウ endo 青木 アオキ aoki 坂本 サカモト sakamoto
斉藤 サイトウ saito 福田 フクダ fukuda 太田 オオタ ota 西村 ニシムラ nishimura 藤井 フジイ fujii
金子 カネコ kaneko 岡本 オカモト okamoto 藤原 フジワラ fujiwara 中野 ナカノ nakano 三浦 ミウラ miura
原田 ハラダ harada 中川 ナカガワ nakagawa 松田 マツダ matsuda 竹内 タケウチ takeuchi 小野 オノ ono
田村 タムラ tamura 中山 ナカヤマ nakayama 和田 ワダ wada 石田 イシダ ishida 森田 モリタ morita
上田 ウエダ ueda 原 ハラ hara 内田 ウチダ uchida 柴田 シバタ shibata 酒井 サカイ sakai
宮崎 ミヤザキ miyazaki 横山 ヨコヤマ yokoyama 高木 タカギ takagi 安藤 アンドウ ando 宮本 ミヤモト miyamoto
大野 オオノ ono 小島 コジマ kojima 工藤 クドウ kudo 谷口 タニグチ taniguchi 今井 イマイ imai
高田 タカダ takada 丸山 マルヤマ maruyama 増田 マスダ masuda 杉山 スギヤマ sugiyama 村田 ムラタ murata
大塚 オオツカ otsuka 小山 コヤマ koyama 平野 ヒラノ hirano 藤本 フジモト fujimoto 久保 クボ kubo
松井 マツイ matsui 千葉 チバ chiba 岩崎 イワサキ iwasaki 桜井 サクライ sakurai 木下 キノシタ kinoshita
野口 ノグチ noguchi 松尾 マツオ matsuo 菊地 キクチ kikuchi 野村 ノムラ nomura 新井 アライ arai
渡部 ワタナベ watanabe 佐野 サノ sano 杉本 スギモト sugimoto 古川 フルカワ furukawa 上野 ウエノ ueno
大西 オオニシ onishi 市川 イチカワ ichikawa 水野 ミズノ mizuno 菅原 スガワラ sugawara 武田 タケダ takeda
""")

MALE_NAMES_OLDER = _names("""
清 キヨシ kiyoshi 茂 シゲル shigeru 博 ヒロシ hiroshi 正男 マサオ masao 和夫 カズオ kazuo
隆 タカシ takashi 誠 マコト makoto 修 オサム osamu 勝 マサル masaru 実 ミノル minoru
進 ススム susumu 豊 ユタカ yutaka 昭 アキラ akira 稔 ミノル minoru 勇 イサム isamu
一郎 イチロウ ichiro 健一 ケンイチ kenichi 正 タダシ tadashi 武 タケシ takeshi 弘 ヒロシ hiroshi
秀樹 ヒデキ hideki 幸一 コウイチ koichi 浩二 コウジ koji 俊夫 トシオ toshio 義雄 ヨシオ yoshio
""")

MALE_NAMES_YOUNGER = _names("""
太郎 タロウ taro 大輔 ダイスケ daisuke 拓也 タクヤ takuya 翔太 ショウタ shota 健太 ケンタ kenta
直樹 ナオキ naoki 達也 タツヤ tatsuya 和也 カズヤ kazuya 哲也 テツヤ tetsuya 剛 ツヨシ tsuyoshi
雄一 ユウイチ yuichi 亮 リョウ ryo 翔 ショウ sho 大樹 ダイキ daiki 健 ケン ken
悠斗 ユウト yuto 蓮 レン ren 陽介 ヨウスケ yosuke 慎也 シンヤ shinya 康平 コウヘイ kohei
""")

FEMALE_NAMES_OLDER = _names("""
幸子 サチコ sachiko 和子 カズコ kazuko 節子 セツコ setsuko 洋子 ヨウコ yoko 恵子 ケイコ keiko
京子 キョウコ kyoko 久美子 クミコ kumiko 裕子 ユウコ yuko 由美子 ユミコ yumiko 美智子 ミチコ michiko
文子 フミコ fumiko 春子 ハルコ haruko 敏子 トシコ toshiko 弘子 ヒロコ hiroko 悦子 エツコ etsuko
順子 ジュンコ junko 典子 ノリコ noriko 明美 アケミ akemi 直美 ナオミ naomi 真由美 マユミ mayumi
花子 ハナコ hanako 千代子 チヨコ chiyoko 良子 ヨシコ yoshiko 静香 シズカ shizuka 孝子 タカコ takako
""")

FEMALE_NAMES_YOUNGER = _names("""
智子 トモコ tomoko 陽子 ヨウコ yoko 優子 ユウコ yuko 恵美 エミ emi 愛 アイ ai
彩 アヤ aya 美穂 ミホ miho 麻衣 マイ mai 由香 ユカ yuka 沙織 サオリ saori
さくら サクラ sakura 陽菜 ヒナ hina 結衣 ユイ yui 美咲 ミサキ misaki 舞 マイ mai
香織 カオリ kaori 絵美 エミ emi 奈々 ナナ nana 亜希子 アキコ akiko 真理 マリ mari
""")


def _prefectures(text: str) -> tuple[Prefecture, ...]:
    """One prefecture a line, indented lines continuing it: name, population, city/postal/area ..."""
    prefectures: list[Prefecture] = []
    for line in text.strip().splitlines():
        words = line.split()
        if line.startswith(" "):
            name, population, cities = prefectures.pop()
        else:
            name, population, cities, words = words[0], int(words[1]), (), words[2:]
        cities += tuple(City(*word.split("/")) for word in words)
        prefectures.append(Prefecture(name, population, cities))
    return tuple(prefectures)


# prefecture, population (10k), then city/first three postal digits/area code.
PREFECTURES = _prefectures("""
北海道 514 札幌市中央区/060/011 札幌市北区/001/011 旭川市/070/0166 函館市/040/0138
  釧路市/085/0154 帯広市/080/0155
青森県 120 青森市/030/017 弘前市/036/0172 八戸市/031/0178
岩手県 118 盛岡市/020/019 一関市/021/0191 奥州市/023/0197
宮城県 228 仙台市青葉区/980/022 仙台市泉区/981/022 石巻市/986/0225
秋田県 93 秋田市/010/018 横手市/013/0182 大館市/017/0186
山形県 104 山形市/990/023 鶴岡市/997/0235 米沢市/992/0238
福島県 180 福島市/960/024 郡山市/963/024 いわき市/970/0246
茨城県 284 水戸市/310/029 つくば市/305/029 日立市/317/0294
栃木県 192 宇都宮市/320/028 小山市/323/0285 足利市/326/0284
群馬県 191 前橋市/371/027 高崎市/370/027 太田市/373/0276
埼玉県 734 さいたま市浦和区/330/048 川口市/332/048 越谷市/343/048 川越市/350/049
  所沢市/359/04
千葉県 628 千葉市中央区/260/043 船橋市/273/047 松戸市/271/047 柏市/277/04
  木更津市/292/0438
東京都 1404 千代田区/100/03 新宿区/160/03 世田谷区/154/03 練馬区/176/03 大田区/144/03
  足立区/120/03 江戸川区/132/03 八王子市/192/042 町田市/194/042 府中市/183/042
神奈川県 923 横浜市港北区/222/045 横浜市青葉区/225/045 川崎市中原区/211/044
  相模原市中央区/252/042 藤沢市/251/0466 横須賀市/238/046
新潟県 215 新潟市中央区/951/025 長岡市/940/0258 上越市/943/025
富山県 102 富山市/930/076 高岡市/933/0766
石川県 111 金沢市/920/076 小松市/923/0761
福井県 75 福井市/910/0776 敦賀市/914/0770
山梨県 80 甲府市/400/055 富士吉田市/403/0555
長野県 201 長野市/380/026 松本市/390/0263 上田市/386/0268
岐阜県 195 岐阜市/500/058 大垣市/503/0584 高山市/506/0577
静岡県 355 静岡市葵区/420/054 浜松市中央区/430/053 沼津市/410/055 富士市/417/0545
愛知県 748 名古屋市中区/460/052 名古屋市千種区/464/052 豊田市/471/0565 岡崎市/444/0564
  一宮市/491/0586 豊橋市/440/0532
三重県 174 津市/514/059 四日市市/510/059 伊勢市/516/0596
滋賀県 141 大津市/520/077 草津市/525/077 彦根市/522/0749
京都府 254 京都市左京区/606/075 京都市伏見区/612/075 宇治市/611/0774 福知山市/620/0773
大阪府 877 大阪市北区/530/06 大阪市天王寺区/543/06 豊中市/560/06 吹田市/564/06
  東大阪市/577/06 堺市堺区/590/072 枚方市/573/072
兵庫県 539 神戸市中央区/650/078 明石市/673/078 尼崎市/660/06 西宮市/662/0798
  姫路市/670/079
奈良県 131 奈良市/630/0742 橿原市/634/0744 生駒市/630/0743
和歌山県 90 和歌山市/640/073 田辺市/646/0739
鳥取県 54 鳥取市/680/0857 米子市/683/0859
島根県 65 松江市/690/0852 出雲市/693/0853
岡山県 186 岡山市北区/700/086 倉敷市/710/086
広島県 274 広島市中区/730/082 福山市/720/084 呉市/737/0823
山口県 131 山口市/753/083 下関市/750/083 周南市/745/0834
徳島県 70 徳島市/770/088 阿南市/774/0884
香川県 93 高松市/760/087 丸亀市/763/0877
愛媛県 131 松山市/790/089 今治市/794/0898 新居浜市/792/0897
高知県 67 高知市/780/088 四万十市/787/0880
福岡県 510 福岡市博多区/812/092 福岡市中央区/810/092 北九州市小倉北区/802/093
  久留米市/830/0942
佐賀県 80 佐賀市/840/0952 唐津市/847/0955
長崎県 128 長崎市/850/095 佐世保市/857/0956
熊本県 172 熊本市中央区/860/096 八代市/866/0965
大分県 111 大分市/870/097 別府市/874/0977
宮崎県 105 宮崎市/880/0985 都城市/885/0986 延岡市/882/0982
鹿児島県 157 鹿児島市/890/099 霧島市/899/0995 鹿屋市/893/0994
沖縄県 147 那覇市/900/098 沖縄市/904/098 うるま市/904/098
""")


def _exchange_prefixes(text: str) -> dict[str, tuple[str, ...]]:
    """Entries `area-code prefix prefix ...`, separated by | or line ends."""
    entries = (entry.split() for entry in text.replace("\n", "|").split("|") if entry.strip())
    return {code: tuple(prefixes) for code, *prefixes in entries}


# How each area code's exchanges may begin, so that a number is valid, lies in its own area, and is
# grouped the way phonenumbers (and the telephone company) group it; codes not listed take 2-9.
EXCHANGE_PREFIXES_DEFAULT = tuple("23456789")
EXCHANGE_PREFIXES = _exchange_prefixes("""
011 2 3 5 6 7 8 | 0154 2 3 4 5 6 9 | 0155 2 3 4 5 6 9 | 017 7 | 018 8 | 019 6 9 | 022 2 7
023 2 6 9 | 024 5 9 | 025 2 3 | 026 2 | 027 2 3 5 | 028 6 | 029 2 8 | 04 20 71 | 042 3 4 5 6 7
043 2 3 4 5 7 | 046 2 4 8 | 047 2 3 4 7 | 049 2 | 053 4 5 | 054 2 3 6 9 | 055 2 9 | 058 2 3 8 9
059 2 3 | 072 2 3 4 6 7 8 9 | 073 4 | 076 2 4 9 | 077 5 7 | 079 2 3 | 082 2 5 8 | 083 2 | 084 9
086 2 4 | 087 2 3 4 6 8 | 088 6 8 | 089 9 | 095 3 8 | 096 2 3 | 097 5 6 | 098 8 9 | 099 2 8 9
0994 2 3 4 5 6 9
""")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TOWNS = _words("""
中央 本町 栄町 緑町 旭町 幸町 東町 西町 南町 北町 桜台 若葉 青葉台 松が丘 富士見 日の出町 新町 元町 港町
城東 城南 宮前 稲荷町 八幡町 住吉 大和町 千代田 春日 錦町 花園 泉町 朝日町 平和町 昭和町 みどり野
清水町 池田町 寿町 柳町 山手
""")

BUILDINGS = _words("""
サンハイツ コーポ ハイツ メゾン レジデンス グランドパレス パークハイム ロイヤルマンション シャトー
コスモ ライオンズ フォレスト リバーサイド グリーンヒル ヴィラ エステート サニーコート プラザ アーバン
クレスト
""")

BUILDING_SUFFIXES = ("", "", "", "桜", "緑", "東", "第二", "壱番館", "弐番館", "ガーデン", "ヒルズ", "コート")

# Reserved for documentation (RFC 2606 and JPRS), so no demo e-mail can reach anyone.
EMAIL_DOMAINS = _words("""
example.jp example.ne.jp example.co.jp mail.example.jp mobile.example.ne.jp example.com example.net
example.org
""")

COMPANY_STEMS = _words("""
さくら 青葉 東和 大和 日進 富士見 旭 光洋 丸一 協栄 三和 昭栄 中央 北斗 南海 城北 若竹 松風 双葉
平和 朝日 白鳥 千歳 東邦 西日本 関東 九州 北陸 湘南 瀬戸内
""")

COMPANY_TRADES = _words("""
商事 物産 工業 建設 運輸 製作所 電機 食品 不動産 印刷 精機 化成 興産 システム 設備 観光 産業 交通
商会 薬品
""")

OTHER_WORKPLACES = ("総合病院", "クリニック", "会計事務所", "歯科医院", "保育園", "税理士事務所")

# Tax-included price points a mail-order catalogue actually uses.
PRODUCTS = (
    Product("TV3224", "液晶テレビ 32型", 39800, 30, 1),
    Product("TV4325", "4K液晶テレビ 43型", 69800, 30, 1),
    Product("TV5525", "4K液晶テレビ 55型", 128000, 18, 1),
    Product("TV6526", "4K有機ELテレビ 65型", 298000, 5, 1),
    Product("BR2024", "ブルーレイレコーダー 2TB", 49800, 15, 1),
    Product("VC1101", "サイクロン掃除機", 29800, 35, 1),
    Product("VC1205", "コードレススティック掃除機", 39800, 40, 1),
    Product("VC1310", "ロボット掃除機", 59800, 20, 1),
    Product("VC1402", "ふとんクリーナー", 14800, 30, 1),
    Product("AC2206", "ルームエアコン 6畳用", 79800, 25, 2),
    Product("AC2210", "ルームエアコン 10畳用", 118000, 15, 1),
    Product("AC2214", "ルームエアコン 14畳用", 158000, 8, 1),
    Product("AP1001", "空気清浄機", 34800, 25, 1),
    Product("DH1001", "除湿機", 24800, 20, 1),
    Product("HT1001", "セラミックファンヒーター", 12800, 25, 2),
    Product("HM1001", "加湿器", 9980, 25, 2),
    Product("BD3001", "羽毛布団 シングル", 49800, 30, 2),
    Product("BD3002", "羽毛布団 ダブル", 69800, 12, 1),
    Product("BD3101", "敷きマットレス", 29800, 20, 2),
    Product("BD3201", "枕 2個セット", 9980, 30, 2),
    Product("CM4101", "デジタル一眼カメラ ダブルズームキット", 128000, 8, 1),
    Product("CM4201", "コンパクトデジタルカメラ", 39800, 12, 1),
    Product("CM4301", "ビデオカメラ", 59800, 8, 1),
    Product("PC5101", "ノートパソコン 15.6型", 89800, 15, 1),
    Product("PC5201", "タブレット 10型", 39800, 18, 1),
    Product("PR5301", "インクジェットプリンター", 19800, 15, 1),
    Product("SP5401", "スマートフォン", 49800, 15, 1),
    Product("KT6101", "電子レンジ", 24800, 25, 1),
    Product("KT6201", "IH炊飯器 5.5合", 29800, 30, 1),
    Product("KT6301", "電気圧力鍋", 19800, 25, 1),
    Product("KT6401", "ノンフライヤー", 14800, 20, 1),
    Product("KT6701", "浄水器", 9980, 15, 1),
    Product("RF6501", "冷蔵庫 400L", 148000, 10, 1),
    Product("WM6601", "ドラム式洗濯乾燥機", 198000, 8, 1),
    Product("WM6602", "全自動洗濯機 8kg", 79800, 12, 1),
    Product("MC7101", "マッサージチェア", 198000, 6, 1),
    Product("MC7201", "フットマッサージャー", 29800, 18, 1),
    Product("HL7301", "電動歯ブラシ", 9980, 20, 2),
    Product("HL7401", "体組成計", 7980, 15, 1),
    Product("HA7501", "補聴器", 98000, 6, 1),
    Product("AU8101", "ワイヤレスイヤホン", 19800, 20, 1),
    Product("AU8201", "CDラジオ", 12800, 20, 1),
    Product("AU8301", "サウンドバー", 29800, 12, 1),
    Product("FD9101", "新米 10kg", 5980, 45, 3),
    Product("FD9201", "ミネラルウォーター 2L×12本", 2480, 30, 3),
    Product("FD9301", "黒酢サプリメント 90粒", 3980, 40, 3),
    Product("FD9401", "ずわいがに 1.5kg", 9980, 20, 2),
    Product("FD9501", "国産うなぎ蒲焼 4尾", 9980, 20, 2),
    Product("OT1011", "電動アシスト自転車", 118000, 6, 1),
    Product("OT1021", "スーツケース", 19800, 10, 1),
    Product("OT1031", "高圧洗浄機", 19800, 10, 1),
    Product("OT1041", "ヘアドライヤー", 14800, 18, 1),
    Product("WT1051", "電波ソーラー腕時計", 29800, 10, 1),
    Product("WR1061", "延長保証サービス 5年", 3300, 25, 1),
)


def _provisions(text: str) -> tuple[Provision, ...]:
    """Three lines each: recipient | address | basis weight [credit], then the items, then the purpose."""
    lines = text.strip().splitlines()
    records = []
    for head, items, purpose in zip(lines[0::3], lines[1::3], lines[2::3], strict=True):
        name, address, terms = (part.strip() for part in head.split("|"))
        basis, weight, *credit = terms.split()
        records.append(
            Provision(name, address, items.strip(), purpose.strip(), basis, int(weight), bool(credit))
        )
    return tuple(records)


# What the policy announces: §3 provision with consent or by law, §4 entrustment. Recipients are fictional.
PROVISIONS = _provisions("""
さくら信販株式会社 | 東京都千代田区中央2-3-4 | consent 30 credit
  氏名、住所、電話番号、生年月日、勤務先名、勤務先電話番号
  ショッピングクレジット（分割払い）の与信審査
あおばクレジット株式会社 | 大阪府大阪市北区本町1-8-10 | consent 20 credit
  氏名、住所、電話番号、生年月日、勤務先名、勤務先電話番号
  分割払いの与信審査
東都カード株式会社 | 東京都新宿区西町3-1-1 | consent 8
  氏名、住所、電話番号、購入履歴
  クレジットカードの不正利用に関する調査への回答
ひなた電機株式会社 | 愛知県名古屋市中区栄町4-5-6 | consent 20
  氏名、住所、電話番号、購入製品名
  製品のリコール（無償点検・交換）に関するご連絡
つばさ家電工業株式会社 | 大阪府東大阪市旭町2-2-8 | consent 10
  氏名、住所、電話番号、購入製品名
  製品不具合に関するメーカーからのご連絡
みらいテレビショッピング株式会社 | 東京都港区港町1-1-1 | consent 6
  氏名、購入履歴
  デジタルテレビのTコマースサービスの提供
あおぞら運輸株式会社 | 埼玉県川口市栄町5-6-7 | entrustment 30
  氏名、住所、電話番号
  ご注文商品の配送（委託）
こもれび印刷株式会社 | 福岡県福岡市博多区元町3-4-5 | entrustment 15
  氏名、住所
  カタログ・ダイレクトメールの宛名印刷（委託）
ひかり設備工業株式会社 | 神奈川県横浜市港北区新町6-7-8 | entrustment 15
  氏名、住所、電話番号、購入製品名
  エアコンの取付工事（委託）
東和債権管理株式会社 | 東京都千代田区錦町1-2-3 | entrustment 6 credit
  氏名、住所、電話番号、購入履歴、お支払い状況
  代金の回収・督促業務（委託）
〇〇県警察本部 | 〇〇県〇〇市本町1-1-1 | law 3
  氏名、住所、電話番号、購入履歴
  捜査関係事項照会への回答（刑事訴訟法第197条第2項）
〇〇地方裁判所 | 〇〇県〇〇市中央1-1-1 | law 2
  氏名、住所、購入履歴
  調査嘱託への回答（民事訴訟法第186条）
""")

REPRESENTATIVE_TITLES = ("代表取締役", "代表取締役社長")
PUBLIC_BODY_REPRESENTATIVES = {"〇〇県警察本部": "本部長", "〇〇地方裁判所": "所長"}

# Desk staff; the GUI's --demo signs in as "demo".
AGENTS = (
    ("demo", "デモ オペレーター", "agent"),
    ("agent.sato", "佐藤 美咲", "agent"),
    ("agent.suzuki", "鈴木 健太", "agent"),
    ("agent.takahashi", "高橋 由美子", "agent"),
    ("supervisor.tanaka", "田中 浩", "supervisor"),
    ("supervisor.ito", "伊藤 直美", "supervisor"),
    ("admin", "渡辺 誠", "admin"),
)

# Their telephone extensions, so a PBX naming a desk by number finds someone (the admin takes no calls).
EXTENSIONS = {
    "demo": ("201",),
    "agent.sato": ("202",),
    "agent.suzuki": ("203",),
    "agent.takahashi": ("204",),
    "supervisor.tanaka": ("301",),
    "supervisor.ito": ("302",),
}
