/** What POST /api/fichiers answers (server/src/modules/fichiers/fichiers.http.ts, docs/fichiers.md). */
export interface UploadedFile {
  id: string;
  url: string;
  thumbnailUrl: string | null;
  name: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
}

/** logo, avatar, image: images only (10 MB); attachment: documents, images and videos (50 MB). */
export type FilePurpose = 'logo' | 'avatar' | 'image' | 'attachment';

export const UPLOAD_PATH = '/api/fichiers';

/** What the file input accepts, by purpose (the server checks the content anyway). */
export function acceptFor(purpose: FilePurpose): string {
  const images = 'image/png,image/jpeg,image/webp,image/gif';
  if (purpose !== 'attachment') return images;
  return [images, 'application/pdf', '.odt,.ods,.odp,.docx,.xlsx,.pptx', 'video/mp4,video/webm'].join(',');
}
