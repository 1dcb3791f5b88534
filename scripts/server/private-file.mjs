import fs from "node:fs";

/**
 * Writes a file only its owner can read (0600), also over an existing file
 * with looser permissions: the mode is set on the open descriptor before a
 * byte of content is written.
 */
export function writePrivateFile(file, data) {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC, 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}
