# Builds the Windows installer: a venv, the project with PyInstaller, the one-folder bundle, a smoke test,
# then Inno Setup. Run from anywhere in PowerShell 5.1 or 7 on Windows with Python 3.11 and Inno Setup 6:
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
# Result: dist\InquiryDesk\ (the bundle) and dist\installer\InquiryDesk-X.Y.Z-setup.exe. Any failing step
# stops the script with a non-zero exit code. See installer/README.md.
[CmdletBinding()]
param(
    [string]$Python = "py -3.11",
    [string]$Iscc = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked {
    # Native programs do not throw on failure: check each exit code.
    param([string]$What, [scriptblock]$Command)
    Write-Host "build.ps1: $What"
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: FAILED ($LASTEXITCODE): $What" }
}

$Venv = Join-Path $Root "build\windows-venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    $launcher, $launcherArgs = $Python -split " "
    Invoke-Checked "create $Venv" { & $launcher @launcherArgs -m venv $Venv }
}
Invoke-Checked "upgrade pip" { & $VenvPython -m pip install --quiet --upgrade pip }
# Not editable: the bundle must be made from what a wheel would install.
Invoke-Checked "install the project and PyInstaller" { & $VenvPython -m pip install --quiet ".[installer]" }

$Version = (& $VenvPython -c "import desk_app; print(desk_app.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "build.ps1: FAILED: cannot read the version" }

Invoke-Checked "PyInstaller (installer\inquiry_desk.spec)" {
    & $VenvPython -m PyInstaller --noconfirm --clean --log-level WARN `
        --distpath (Join-Path $Root "dist") --workpath (Join-Path $Root "build\pyinstaller") `
        installer\inquiry_desk.spec
}
$Bundle = Join-Path $Root "dist\InquiryDesk"
foreach ($exe in "InquiryDesk.exe", "desk-app.exe") {
    if (-not (Test-Path (Join-Path $Bundle $exe))) { throw "build.ps1: FAILED: $exe missing from $Bundle" }
}

# Smoke test of the bundle before it is packed: the console program prints its version and reads the
# bundled talk scripts.
$Printed = (& (Join-Path $Bundle "desk-app.exe") --version | Out-String).Trim()
if ($LASTEXITCODE -ne 0 -or $Printed -ne "desk-app $Version") {
    throw "build.ps1: FAILED: desk-app.exe --version printed '$Printed', expected 'desk-app $Version'"
}
Write-Host "build.ps1: desk-app.exe --version: $Printed"
Invoke-Checked "desk-app.exe scripts check" { & (Join-Path $Bundle "desk-app.exe") scripts check }

if ($SkipInstaller) { Write-Host "build.ps1: bundle only (-SkipInstaller)"; exit 0 }

if (-not $Iscc) {
    $found = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    $Iscc = if ($found) { $found.Source } else { Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
}
if (-not (Test-Path $Iscc)) { throw "build.ps1: FAILED: Inno Setup 6 not found (ISCC.exe); pass -Iscc PATH" }
Invoke-Checked "Inno Setup" { & $Iscc "/DAppVersion=$Version" (Join-Path $Root "installer\inquiry_desk.iss") }

$Setup = Join-Path $Root "dist\installer\InquiryDesk-$Version-setup.exe"
if (-not (Test-Path $Setup)) { throw "build.ps1: FAILED: $Setup was not made" }
Write-Host "build.ps1: ok: $Setup"
