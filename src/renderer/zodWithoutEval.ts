import { z } from 'zod'

// zod probes `new Function("")` the first time a schema is built, to see
// whether it may compile validators. Our CSP forbids eval, so the probe is a
// CSP violation on every load. Jitless mode skips it; this module must be the
// renderer's first import so it runs before any schema is created.
z.config({ jitless: true })
