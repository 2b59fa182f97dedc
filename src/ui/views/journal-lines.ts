// The journal view (palette :journal): every action this desk journaled, newest first, then each one's
// completion report. The text comes from the journal, already sanitised by the exec layer; cleaned again.
import { safe } from '../text.js';
import { heading, wrap, type Line } from './lines.js';

export function journalLines(j: { table: string[]; reports: { id: string; lines: string[] }[] } | undefined, width: number): Line[] {
  if (!j) return [{ text: 'no journal in this desk (read-only, or the market is not open yet)', tone: 'muted' }];
  const L: Line[] = [heading('Actions (newest first) — taskdesk journal shows the same from a shell'), ...j.table.map((t, i) => ({ text: safe(t, 300), ...(i === 0 ? { tone: 'muted' as const } : {}) }))];
  for (const r of j.reports) {
    L.push({ text: '' }, heading(`Report ${safe(r.id, 'id')}`));
    for (const raw of r.lines) for (const line of wrap(safe(raw, 400), width)) L.push({ text: line });
  }
  return L;
}
