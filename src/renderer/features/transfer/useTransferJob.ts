import { useCallback, useEffect, useRef, useState } from 'react'
import type { JobStatus } from '../../../shared/api/methods/transfer'
import { call } from '../../api/client'

const POLL_MS = 200

/**
 * Follows one background job: polls `transfer.job` while it runs, and offers
 * cancel. `start` takes the status the start call returned.
 */
export function useTransferJob(onFinished?: (job: JobStatus) => void) {
  const [job, setJob] = useState<JobStatus | null>(null)
  const [pollError, setPollError] = useState<string | null>(null)
  const finished = useRef(onFinished)
  finished.current = onFinished

  useEffect(() => {
    if (!job || job.state !== 'running') return
    let live = true
    const timer = setTimeout(() => {
      call('transfer.job', { id: job.id })
        .then((next) => {
          if (!live) return
          setJob(next)
          if (next.state !== 'running') finished.current?.(next)
        })
        .catch((e: Error) => live && setPollError(e.message))
    }, POLL_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [job])

  const cancel = useCallback(async () => {
    if (job?.state === 'running') setJob(await call('transfer.cancel', { id: job.id }))
  }, [job])

  const reset = useCallback(() => {
    setJob(null)
    setPollError(null)
  }, [])

  return { job, start: setJob, cancel, reset, pollError }
}
