import type { AskReason, AskVerdict } from '../../shared/iomAsk.ts';
import {
  describeFingerprint,
  sameFingerprint,
  type IomOrderFingerprint,
} from '../../shared/iomFingerprint.ts';
import type { AskJudgement } from './ask.ts';
import type { Classification } from './classify.ts';

/** What the answer to a question is compared with. */
export interface AskFacts {
  shopOrderNumber: string;
  /** The order as it is sent now (after any edit). */
  sent: IomOrderFingerprint;
  /**
   * Versions of the order sent by earlier attempts that may have reached IOM and differ from the order now:
   * what IOM may hold when support edited the order after such an attempt.
   */
  earlier: IomOrderFingerprint[];
}

/** Which order IOM holds under the number, compared with the order now and the versions sent before. Pure. */
export function compareWithIom(
  iom: IomOrderFingerprint,
  facts: AskFacts,
): Extract<AskVerdict, 'same' | 'different' | 'earlier_version' | 'edit_unconfirmed'> {
  const matchesEarlier = facts.earlier.some((e) => sameFingerprint(e, iom));
  if (sameFingerprint(iom, facts.sent)) return matchesEarlier ? 'edit_unconfirmed' : 'same';
  return matchesEarlier ? 'earlier_version' : 'different';
}

export function verdictOf(judgement: AskJudgement, facts: AskFacts): AskVerdict {
  return judgement.kind === 'found' ? compareWithIom(judgement.fingerprint, facts) : judgement.kind;
}

const SAME = 'the same creation date, customer, total and number of positions';

/** The sentences support acts on when IOM holds something else than the order now. Pure. */
export function foundOtherMessage(
  verdict: 'different' | 'earlier_version' | 'edit_unconfirmed',
  iom: IomOrderFingerprint,
  facts: AskFacts,
): string {
  const n = facts.shopOrderNumber;
  switch (verdict) {
    case 'different':
      return (
        `IOM holds a different order under ${n}: ${describeFingerprint(iom, facts.sent)}. ` +
        "ICM's and IOM's number ranges overlap: see Order numbers. " +
        `This order (${describeFingerprint(facts.sent, iom)}) is not in IOM and is not retried automatically.`
      );
    case 'earlier_version':
      return (
        `IOM holds the version before your edit of ${n} (${describeFingerprint(iom, facts.sent)}): an earlier ` +
        'attempt delivered it, so the edited order was not sent. Change the order in IOM if the edit matters, ' +
        'then mark this export resolved.'
      );
    case 'edit_unconfirmed':
      return (
        `IOM holds ${n}, but whether it is your edit or the version before it cannot be told: both have ${SAME}. ` +
        'Check the order in IOM; once it is right there, mark this export resolved.'
      );
  }
}

/** The attempt's classification once IOM answered the question; `send` when the order is to be sent now. */
export type Settled = { kind: 'send' } | { kind: 'judged'; result: Classification };

const judged = (result: Classification): Settled => ({ kind: 'judged', result });
const needsFix = (errorClass: string, message: string): Classification => ({
  outcome: 'validation_error',
  errorClass,
  message,
  ask: null,
});

/**
 * Settles an attempt from IOM's answer to the question, for the reason it was asked (`post` is the POST's
 * classification; null when IOM was asked before sending). Found with the same content: a duplicate (created,
 * when only the proof of a 2xx was missing). Found with other content: a collision, or the version before an
 * edit — both need a person and are never retried automatically. Not found: as the POST's answer says (sent
 * now, when IOM was asked first). No usable answer: a technical error, and the next attempt asks first. Pure.
 */
export function settle(
  reason: AskReason,
  post: Classification | null,
  judgement: AskJudgement,
  facts: AskFacts,
): Settled {
  const said = post?.message ? `${post.message} ` : '';
  const kept = post?.iomErrors ? { iomErrors: post.iomErrors } : {};
  if (judgement.kind === 'found') {
    const verdict = compareWithIom(judgement.fingerprint, facts);
    if (verdict !== 'same')
      return judged({
        ...needsFix(
          verdict === 'different' ? 'collision' : verdict,
          foundOtherMessage(verdict, judgement.fingerprint, facts),
        ),
        ...kept,
      });
    const holds = `IOM holds this order (${SAME})`;
    switch (reason) {
      case 'before_resend':
        return judged({
          outcome: 'duplicate',
          errorClass: null,
          message: null,
          ask: null,
          warning: `An earlier attempt may have reached IOM, so IOM was asked before sending again: ${holds}. Not sent again: already in IOM.`,
        });
      case 'unproven':
        return judged({
          outcome: 'created',
          errorClass: null,
          message: null,
          ask: null,
          warning: `${said}IOM was asked: ${holds}, so it was created.`,
        });
      default:
        return judged({
          outcome: 'duplicate',
          errorClass: null,
          message: null,
          ask: null,
          warning: `${said}IOM was asked: ${holds}, so it counts as exported: already in IOM.`,
          ...kept,
        });
    }
  }
  if (judgement.kind === 'not_found') {
    if (reason === 'before_resend' || !post) return { kind: 'send' };
    if (reason === 'refused') return judged(post);
    return judged({
      ...post,
      ask: null,
      message:
        reason === 'unproven'
          ? `${said}IOM was asked: it does not hold the order, so it is not created; the next attempt asks again before sending.`
          : `${said}IOM was asked: it does not hold the order (yet); the next attempt asks again before sending.`,
    });
  }
  const errorClass = judgement.kind === 'incomplete' ? 'lookup_incomplete' : 'lookup_failed';
  const message =
    reason === 'before_resend' || !post
      ? `An earlier attempt may have reached IOM, so IOM is asked before the order is sent again, and ${judgement.problem}. Not sent; the next attempt asks again.`
      : reason === 'refused'
        ? `${said}IOM answers so for a number it already holds too, and asking it whether it holds this order failed: ${judgement.problem}. Retried; the next attempt asks first.`
        : `${said}Asking IOM whether it holds the order failed: ${judgement.problem}. Not counted as exported; the next attempt asks first.`;
  return judged({ outcome: 'technical_error', errorClass, message, ask: null, ...kept });
}
