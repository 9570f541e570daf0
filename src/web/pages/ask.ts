import type { Action, Answer } from '../../core/answer.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { answerBody } from '../answer.js';
import { type Html, html, join } from '../escape.js';
import { PATHS, page } from '../layout.js';

export interface AskPageData {
  /** What was asked, shown back in the box (as text, never as markup). */
  readonly question?: string;
  readonly answer?: Answer;
  readonly problem?: string;
  /** The sources, to name and link them. */
  readonly kb: KnowledgeBase;
}

/**
 * The question box: a POST form answered through the port like any surface, in a conversation kept
 * by a cookie, so "tell me more" follows on. The answer's actions are buttons that post the same
 * action back (never words for the core to read again).
 */
export function askPage({ question, answer, problem, kb }: AskPageData): Html {
  return page(
    { title: answer === undefined ? 'Ask a question' : answer.title, current: 'ask' },
    html`<h1>Ask a question</h1>
${problem === undefined ? '' : html`<p class="problem" role="alert">${problem}</p>`}
<form class="ask" action="${PATHS.ask}" method="post">
<label for="question">Your question</label>
<textarea id="question" name="q" rows="3" required aria-describedby="question-hint">${question ?? ''}</textarea>
<p id="question-hint" class="hint">For example: “what does the report say about fentanyl?”, then “tell me more” or “source?”.</p>
<button type="submit">Ask</button>
</form>
${answer === undefined ? '' : answerSection(answer, kb)}`,
  );
}

function answerSection(answer: Answer, kb: KnowledgeBase): Html {
  return html`<section class="answer" aria-labelledby="answer-title" data-kind="${answer.kind}">
<h2 id="answer-title">${answer.title}</h2>
${answerBody(answer, kb)}
${answer.topic === null ? '' : html`<p><a href="${PATHS.topic(answer.topic)}">Cite this topic in another style, or download its references</a></p>`}
${pressable(answer).length === 0 ? '' : html`<h3>Next</h3><div class="actions">${join(pressable(answer).map(actionForm))}</div>`}
</section>`;
}

/** The page keeps no conversation: its buttons are follow-ups and topics. */
function pressable(answer: Answer): TopicAction[] {
  return answer.actions.filter((a): a is TopicAction => a.kind === 'follow-up' || a.kind === 'topic');
}

type TopicAction = Extract<Action, { kind: 'follow-up' | 'topic' }>;

function actionForm(action: TopicAction): Html {
  const fields =
    action.kind === 'follow-up'
      ? html`<input type="hidden" name="action" value="follow-up"><input type="hidden" name="kind" value="${action.followUp}">`
      : html`<input type="hidden" name="action" value="topic">`;
  return html`<form action="${PATHS.ask}" method="post">${fields}<input type="hidden" name="topic" value="${action.topic}"><button type="submit">${action.label}</button></form>`;
}
