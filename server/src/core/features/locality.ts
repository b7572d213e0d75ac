// The place of a local implementation plan: the setting actionPlan.locality, else inferred from the document's
// title (长治市反对拐卖人口行动计划实施方案, 尤溪县贯彻中国反对拐卖人口行动计划(2021—2030年)实施细则, 安康市贯彻落实《…》实施细则).
import type { Settings } from '../types';

const PLACE_SUFFIX = '(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)';
// A place right before 贯彻/落实/反对拐卖/关于贯彻…; the prefix stops at punctuation and at 关于/印发 (the issuer's part).
const TITLE = new RegExp(
  `([\\u4e00-\\u9fa5]{1,10}?${PLACE_SUFFIX})(?:人民政府)?(?:关于)?(?:贯彻落实|贯彻执行|贯彻|落实|反对拐卖|打击拐卖|《)`,
  'g',
);
const PLAN_WORDS = /(实施方案|实施细则|实施意见|工作方案|行动方案|行动计划)/;
const NOT_A_PLACE = /^(中国|国家|国务院|全国|中华人民共和国)/;

/** Inferred place of a local plan from the first lines of its text, or undefined. */
export function inferLocality(text: string): string | undefined {
  const head = text.length > 4000 ? text.slice(0, 4000) : text;
  const lines = head.split(/\r\n|\r|\n/).slice(0, 40);
  for (const raw of lines) {
    const line = raw.replace(/^[#\s\u3000>*]+/, '');
    if (!PLAN_WORDS.test(line)) continue;
    TITLE.lastIndex = 0;
    for (let m = TITLE.exec(line); m; m = TITLE.exec(line)) {
      let place = m[1];
      // Drop an issuer prefix caught by the lazy match: 人民政府办公室关于印发尤溪县 → 尤溪县.
      const cut = Math.max(place.lastIndexOf('印发'), place.lastIndexOf('关于'), place.lastIndexOf('办公室'));
      if (cut >= 0) place = place.slice(cut + (place.startsWith('办公室', cut) ? 3 : 2));
      if (place.length >= 2 && !NOT_A_PLACE.test(place)) return place;
    }
  }
  return undefined;
}

// Local department names a document uses: <place><department>, e.g. 沁源县公安局, 县民政局, 市妇联.
const USED = new RegExp(
  `([\\u4e00-\\u9fa5]{0,8}?(?:自治县|自治州|县|市|区|旗|省))(?:公安局|公安厅|民政局|民政厅|司法局|司法厅|教育局|教育厅|财政局|财政厅|人社局|人力资源和社会保障局|卫健局|卫健委|卫生健康局|卫生健康委员会|妇联|总工会|残联|法院|检察院|人民法院|人民检察院|市场监管局|农业农村局|委政法委|委宣传部)`,
  'g',
);

const LEAD_IN =
  /^(?:由|和|及|与|同|会同|联合|牵头|负责|配合|协助|参与|要|并|请|向|经|对|按照|根据|报送|抄送|移交|通报|告知|指导|督促|协调|组织|依托|各)+/;

/**
 * The place a document's local names share, when it has no title to tell: the most frequent place prefix of its
 * local department names (at least two of them), e.g. 县 for a draft that writes 县公安局、县民政局.
 */
export function localityFromNames(text: string): string | undefined {
  const counts = new Map<string, number>();
  USED.lastIndex = 0;
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (let m = USED.exec(head); m; m = USED.exec(head)) {
    let place = m[1];
    // A lead-in verb or a word before the place is not part of it: keep the shortest place ending the match
    // (…负责，县 → 县) when the longer one is not a known prefix form.
    const cut = Math.max(place.lastIndexOf('，'), place.lastIndexOf('、'));
    if (cut >= 0) place = place.slice(cut + 1);
    place = place.replace(LEAD_IN, '');
    if (!place || NOT_A_PLACE.test(place)) continue;
    counts.set(place, (counts.get(place) ?? 0) + 1);
  }
  let best: string | undefined;
  let n = 1;
  for (const [place, c] of counts)
    if (c > n || (c === n && best !== undefined && place.length > best.length)) [best, n] = [place, c];
  return best;
}

/** The locality to use for a document: the setting wins, else the inferred place. */
export function localityOf(text: string, settings: Pick<Settings, 'locality'>): string | undefined {
  return settings.locality || inferLocality(text);
}
