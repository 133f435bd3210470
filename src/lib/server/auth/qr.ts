// QR code for the otpauth:// URI as an SVG data URL (CSP allows data: images; nothing leaves the server).
import qrcode from 'qrcode-generator';

export function qrSvgDataUrl(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 5, margin: 4, scalable: true });
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}
