const units = ['B', 'KB', 'MB', 'GB'] as const;

/** "820 B", "1.4 MB" (binary steps, one decimal at most, the reader's decimal separator). */
export function formatFileSize(bytes: number | null, language: string): string | null {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return null;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}

/** Audio clock like WhatsApp's: 0:07, 12:30, 1:02:03. Unknown lengths read 0:00. */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

export type FileKind =
  | 'pdf'
  | 'word'
  | 'sheet'
  | 'slides'
  | 'archive'
  | 'image'
  | 'audio'
  | 'video'
  | 'text'
  | 'other';

const kindByExtension: Record<string, FileKind> = {
  pdf: 'pdf',
  doc: 'word',
  docx: 'word',
  odt: 'word',
  rtf: 'word',
  xls: 'sheet',
  xlsx: 'sheet',
  ods: 'sheet',
  csv: 'sheet',
  ppt: 'slides',
  pptx: 'slides',
  odp: 'slides',
  key: 'slides',
  zip: 'archive',
  rar: 'archive',
  '7z': 'archive',
  gz: 'archive',
  tar: 'archive',
  txt: 'text',
  md: 'text',
  json: 'text',
  xml: 'text',
};

const extensionByMime: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/zip': 'zip',
  'text/plain': 'txt',
  'text/csv': 'csv',
};

/** The extension shown on a document card: from the file name, else guessed from the MIME type. */
export function fileExtension(filename: string | null, mimeType: string): string | null {
  const match = filename ? /\.([a-z0-9]{1,5})$/i.exec(filename.trim()) : null;
  if (match?.[1]) return match[1].toLowerCase();
  return extensionByMime[mimeType.toLowerCase().split(';')[0]?.trim() ?? ''] ?? null;
}

/** Which icon a document gets: by extension first, then by the MIME family. */
export function fileKind(filename: string | null, mimeType: string): FileKind {
  const byExtension = kindByExtension[fileExtension(filename, mimeType) ?? ''];
  if (byExtension) return byExtension;
  const family = mimeType.toLowerCase().split('/')[0];
  if (family === 'image' || family === 'audio' || family === 'video') return family;
  if (family === 'text') return 'text';
  return 'other';
}
