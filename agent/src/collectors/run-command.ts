// Runs an inventory command with a timeout; a missing tool (no rpm on Debian) is simply "no output".
import { execFile } from 'node:child_process';

export function runCommand(file: string, args: string[], timeoutMs = 60_000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true,
        env: { ...process.env, LC_ALL: 'C' }
      },
      (err, stdout) => {
        if (err && !stdout) resolve(null);
        else resolve(stdout);
      }
    );
  });
}
