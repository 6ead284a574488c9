import { z } from 'zod';
import { documentFilterSchema } from './types';

/** What a card can show besides its title; each employee picks their own. */
export const cardFields = ['number', 'counterparty', 'amount', 'dueDate', 'nextAction', 'signers', 'owner', 'department', 'tags'] as const;
export type CardField = (typeof cardFields)[number];
export const defaultCardFields: CardField[] = ['number', 'counterparty', 'amount', 'dueDate', 'nextAction', 'signers'];

/**
 * How documents are ordered within a column and in the list. `stage` is the company's stage order (within one column
 * every card ties, so the id decides), `counterparty` the first counterparty signer as the contacts book sorts them,
 * `owner` the owner's name folded for Polish.
 */
export const documentSorts = ['updated', 'created', 'dueDate', 'amount', 'title', 'number', 'stage', 'counterparty', 'owner'] as const;
export type DocumentSort = (typeof documentSorts)[number];

export const sortSchema = z.object({
  sort: z.enum(documentSorts, { error: 'validation.choice' }).default('updated'),
  descending: z.boolean().default(true),
});

const stageId = z.uuid({ error: 'validation.id' });

/**
 * One employee's board: which columns they see and in what order (their own, over the company's stage order), which
 * fields cards show, their filters, the order within columns, density, and board or list. Saved per user; another
 * employee's view is untouched by it.
 */
export const boardViewSchema = z.object({
  hiddenStageIds: z.array(stageId).max(100).default([]),
  /** Their own column order; stages not named keep the company's order after these. Empty: the company's order. */
  stageOrder: z.array(stageId).max(100).default([]),
  cardFields: z.array(z.enum(cardFields, { error: 'validation.choice' })).max(cardFields.length).default(defaultCardFields),
  filter: documentFilterSchema.default(documentFilterSchema.parse({})),
  ...sortSchema.shape,
  density: z.enum(['comfortable', 'compact'], { error: 'validation.choice' }).default('comfortable'),
  mode: z.enum(['board', 'list'], { error: 'validation.choice' }).default('board'),
});
export type BoardView = z.output<typeof boardViewSchema>;
export const defaultBoardView: BoardView = boardViewSchema.parse({});
