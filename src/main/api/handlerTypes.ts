import type { z } from 'zod'
import type { Contract, Method } from '../../shared/api/contract'
import type { MethodDef } from '../../shared/api/define'

type Handler<D> = D extends MethodDef<infer A, infer R> ? (args: z.output<A>) => R | Promise<R> : never

/** Handlers for one group of methods (one file in shared/api/methods). */
export type HandlerGroup<G extends Record<string, MethodDef>> = { [M in keyof G]: Handler<G[M]> }

/** The whole table: a method of the contract without a handler is a compile error. */
export type Handlers = { [M in Method]: Handler<Contract[M]> }
