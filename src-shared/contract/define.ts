import type { z } from 'zod';

/**
 * One call of the contract: its zod input schema and, as a phantom type, its output.
 * The output is not validated at run time: it is produced by our own services, not by a caller.
 */
export interface CallSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly __output?: O;
}

/** `call<Output>()(inputSchema)`: the curried form lets TypeScript infer the schema while the output is named. */
export function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}
