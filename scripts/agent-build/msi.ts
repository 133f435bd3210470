// The Windows installer: an .msi made with wixl (Debian package `wixl`, from msitools) that installs
// ontrackio-agent.exe under Program Files\OnTrackio\Agent. Built here, never run here (no Windows).
// No ServiceInstall: a Node program does not answer the Service Control Manager, so registering it as a
// service would fail after 30 s; IT starts `ontrackio-agent.exe run` with a scheduled task (docs/agent.md).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function buildMsi(wixl: string, exe: string, version: string, out: string): void {
  const wxs = join(dirname(exe), 'ontrackio-agent.wxs');
  writeFileSync(wxs, wixSource(basename(exe), version));
  try {
    // wixl resolves Source= relative to its working directory.
    execFileSync(wixl, ['-a', 'x64', '-o', out, wxs], {
      stdio: ['ignore', 'ignore', 'inherit'],
      cwd: dirname(exe)
    });
  } finally {
    rmSync(wxs, { force: true });
  }
}

function wixSource(exeName: string, version: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="OnTrackio Agent" Language="1033" Version="${version}" Manufacturer="OnTrackio"
           UpgradeCode="6f3c1a52-9d7e-4b1f-a2c4-5e8d0b7a9c31">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Description="OnTrackio endpoint agent" Manufacturer="OnTrackio"/>
    <Media Id="1" Cabinet="agent.cab" EmbedCab="yes"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="OnTrackioDir" Name="OnTrackio">
          <Directory Id="INSTALLDIR" Name="Agent">
            <Component Id="AgentExe" Guid="3b0d7e4c-1f52-4a8e-9c61-0a2e5d7f8b94" Win64="yes">
              <File Id="AgentExeFile" Name="ontrackio-agent.exe" Source="${exeName}" KeyPath="yes"/>
            </Component>
          </Directory>
        </Directory>
      </Directory>
    </Directory>
    <Feature Id="Main" Level="1"><ComponentRef Id="AgentExe"/></Feature>
  </Product>
</Wix>
`;
}
