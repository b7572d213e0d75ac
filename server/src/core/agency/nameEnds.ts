// The characters an agency name ends with (部, 委, 办, 局, 厅, …中心, …公司, …): read by the unknown-name parser
// (unknowns.ts: where an item may end) and the matcher (matcher.ts: whether 和/与/及 joins two names or sits inside one).
export const AGENCY_NAME_END_CHARS = '部委办局厅院会联署心司段站所队处室组社台行馆府';
