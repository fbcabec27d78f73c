import { store } from './fileModels/store.json'

// The one port of UI + API (the image's BIND_PORT; the frontend bundle is built for it).
export const uiPort = 9999
// The app's data directory (DATA_DIR) inside the container: the whole `main` volume.
export const dataDir = '/data'
const base = `http://127.0.0.1:${uiPort}`

/** A random operator password (the package sets it, so actions can sign in). */
export function randomPassword(): string {
  const bytes = new Uint8Array(24)
  crypto.getRandomValues(bytes)
  return Buffer.from(bytes).toString('base64url')
}

export class ApiError extends Error {}

/** Calls the controller's API as the operator: signs in with the stored password first. */
export async function operatorApi(method: string, path: string, body?: unknown): Promise<any> {
  const password = (await store.read((s) => s.operatorPassword).once()) ?? ''
  if (!password) throw new ApiError('No operator password is stored yet: restart the service once.')
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  })
  if (!login.ok) throw new ApiError(`Sign-in failed (${login.status}): is Spark Control running?`)
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  const data = text ? JSON.parse(text) : null
  if (!res.ok) {
    const msg = data?.error?.message ?? data?.detail ?? text
    throw new ApiError(`${method} ${path}: ${res.status} ${typeof msg === 'string' ? msg : JSON.stringify(msg)}`)
  }
  return data
}

