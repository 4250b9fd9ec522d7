import { MAX_UPLOAD_BYTES } from '../../../shared/api/methods/transfer'
import { call } from '../../api/client'

/** A file's bytes as base64 (a data URL without its prefix), for `transfer.upload`. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`))
    reader.readAsDataURL(file)
  })
}

/** Sends chosen files to the server (each under the size cap) and returns the paths the import reads. */
export async function uploadFiles(files: File[]): Promise<string[]> {
  const paths: string[] = []
  for (const f of files) {
    if (f.size > MAX_UPLOAD_BYTES) {
      throw new Error(`${f.name} is ${(f.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB upload limit: give its path instead`)
    }
    paths.push((await call('transfer.upload', { name: f.name, base64: await readBase64(f) })).path)
  }
  return paths
}
