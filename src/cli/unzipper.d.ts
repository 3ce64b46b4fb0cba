// The part of unzipper 0.10 the reader uses (the package ships no types).
declare module "unzipper" {
  import { Readable } from "node:stream";
  export interface CentralDirectoryFile {
    path: string;
    type: "File" | "Directory";
    uncompressedSize: number;
    stream(): Readable;
  }
  export interface CentralDirectory {
    files: CentralDirectoryFile[];
  }
  export const Open: { file(path: string): Promise<CentralDirectory> };
}
