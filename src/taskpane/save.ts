/** Hands bytes to the user as a file, as a link with `download` does: the page's downloads and the pane's Word .zip. */
const TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
};

export function saveBytes(bytes: Uint8Array, fileName: string): void {
  const type = TYPES[fileName.split(".").pop() ?? ""] ?? "application/octet-stream";
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
