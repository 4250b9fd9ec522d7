export declare const STAMP: string
export declare function newestMtime(dir: string): number
export declare function builtCliEntry(root: string, env?: NodeJS.ProcessEnv): string | null
