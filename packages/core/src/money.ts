/** Money is integer fen everywhere (1 yuan = 100 fen); yuan and 万元 only at the edges. */
export type Fen = number;

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN_YUAN = 1_000_000;

export const yuanToFen = (yuan: number): Fen => Math.round(yuan * FEN_PER_YUAN);
export const wanYuanToFen = (wan: number): Fen => Math.round(wan * FEN_PER_WAN_YUAN);
export const fenToYuan = (fen: Fen): number => fen / FEN_PER_YUAN;

/** "¥1,234,567.00" / "123.46万元" for display. */
export function formatFen(fen: Fen, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (locale === 'zh-CN' && Math.abs(fen) >= FEN_PER_WAN_YUAN) {
    return `${(fen / FEN_PER_WAN_YUAN).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`;
  }
  return `¥${(fen / FEN_PER_YUAN).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
