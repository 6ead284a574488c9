import { boardViewSchema, defaultBoardView, type BoardView } from '../../../src-shared/documents/view';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';

/**
 * The signed-in employee's own board view, or the default one. A stored view that no longer parses (an older app wrote
 * it, a stage it names was deleted) falls back field by field rather than failing the board.
 */
export async function getBoardView(ctx: ServiceContext): Promise<BoardView> {
  const user = await currentUser(ctx);
  const row = await ctx.db.selectFrom('board_views').select('view').where('user_id', '=', user.id).executeTakeFirst();
  if (!row) return defaultBoardView;
  let stored: unknown;
  try {
    stored = JSON.parse(row.view);
  } catch {
    return defaultBoardView;
  }
  const parsed = boardViewSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(
    Object.entries(boardViewSchema.shape).map(([key, schema]) => {
      const value = schema.safeParse((stored as Record<string, unknown> | null)?.[key]);
      return [key, value.success ? value.data : defaultBoardView[key as keyof BoardView]];
    }),
  );
  return fields as BoardView;
}

export async function saveBoardView(ctx: ServiceContext, view: BoardView): Promise<BoardView> {
  const user = await currentUser(ctx);
  const json = JSON.stringify(view);
  await ctx.db
    .insertInto('board_views')
    .values({ user_id: user.id, view: json, updated_at: nowIso(ctx) })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ view: json, updated_at: nowIso(ctx) }))
    .execute();
  return view;
}
