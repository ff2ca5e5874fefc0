; Inno Setup 6 script for Inquiry Desk: a per-machine install of the PyInstaller bundle.
; Built by installer/build.ps1 after PyInstaller has made dist\InquiryDesk\ :
;   ISCC.exe /DAppVersion=0.1.0 installer\inquiry_desk.iss   ->   dist\installer\InquiryDesk-0.1.0-setup.exe
; See installer/README.md.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z installer\inquiry_desk.iss (build.ps1 does)
#endif
#define AppName "Inquiry Desk"
#define Bundle "..\dist\InquiryDesk"
; platformdirs' site_config_dir("InquiryDesk", "InquiryDesk") on Windows: C:\ProgramData\InquiryDesk\InquiryDesk
#define MachineConfig "{commonappdata}\InquiryDesk\InquiryDesk"

[Setup]
; Never change AppId: upgrades and the uninstaller find an existing install by it.
AppId={{6E4F1C2B-8D3A-4B7E-9C5F-2A1D0E7B3C48}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Inquiry Desk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per machine: Program Files and the all-users Start menu; needs an administrator.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=InquiryDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\InquiryDesk.exe
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Files]
; The whole one-folder bundle: InquiryDesk.exe (window), desk-app.exe (command line) and _internal\.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The template is refreshed on every install; config.toml is made from it once and then belongs to the
; administrator: never overwritten by an upgrade, never removed by the uninstaller.
Source: "..\resources\config.example.toml"; DestDir: "{#MachineConfig}"; Flags: ignoreversion
Source: "..\resources\config.example.toml"; DestDir: "{#MachineConfig}"; DestName: "config.toml"; \
  Flags: onlyifdoesntexist uninsneveruninstall

[Dirs]
Name: "{#MachineConfig}"; Flags: uninsneveruninstall

[Icons]
; Every desk on this machine reads the machine-wide config; --config names it explicitly.
Name: "{group}\{#AppName}"; Filename: "{app}\InquiryDesk.exe"; \
  Parameters: "--config ""{#MachineConfig}\config.toml"""; WorkingDir: "{app}"
Name: "{group}\{#AppName} (demo data)"; Filename: "{app}\InquiryDesk.exe"; Parameters: "--demo"; \
  WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\InquiryDesk.exe"; Parameters: "--demo"; Description: "{cm:LaunchProgram,{#AppName}} (demo data)"; \
  Flags: nowait postinstall skipifsilent unchecked

; No [UninstallDelete]: the uninstaller removes only what [Files] installed. Each user's database
; (desk.sqlite3, with the letters stored in it), demo.sqlite3 and config live in
; %LOCALAPPDATA%\InquiryDesk\InquiryDesk (platformdirs' user_data_dir / user_config_dir) and stay, as does
; the machine-wide config.toml above. A shared PostgreSQL database is never touched.
