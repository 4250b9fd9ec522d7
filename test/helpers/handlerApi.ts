// The API as the renderer calls it (the handler table and dispatch, as the HTTP and IPC adapters use them), on a
// test's own workspace, with an upload as the import dialog in the browser makes one.
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import type { Store } from '../../src/main/store/store'

export function handlerApi(store: Store) {
  const h = createHandlers({ store, version: 't', transport: 'http' })
  /** One call; a refusal throws its message, with its code. */
  const api = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await dispatch(h, method, args)
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
    return r.value as T
  }
  /** A file uploaded under `name`; its path on the server, as `transfer.import` takes it. */
  const upload = async (name: string, text: string) => (await api<{ path: string }>('transfer.upload', { name, base64: Buffer.from(text).toString('base64') })).path
  return { api, upload }
}
