import {
  type FlowDefinition,
  type FlowInput,
  type FlowState,
  type FlowStep,
  stepFlow,
} from '@charla/contracts';
import { RotateCcw } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { Button } from '../../../ui/button';
import { Input, Textarea } from '../../../ui/input';
import { useSession } from '../../auth/require-auth';
import { useRuleNames } from '../use-rule-names';

type Line =
  | { who: 'bot'; text: string; options: { id: string; title: string }[] }
  | { who: 'customer'; text: string }
  | { who: 'note'; text: string };

/**
 * "Try it": the flow as drawn now (not only the published one) against a simulated customer,
 * with the very step function the server runs, so what happens here happens on WhatsApp.
 */
export function TryItPanel(props: { flow: FlowDefinition; onStep(nodeId: string | null): void }) {
  const { t } = useTranslation();
  const { names } = useRuleNames();
  const me = useSession();
  const [lines, setLines] = useState<Line[]>([]);
  const [state, setState] = useState<FlowState | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const [open, setOpen] = useState(true);
  const [draft, setDraft] = useState('');
  const [calling, setCalling] = useState(false);
  const [apiAnswer, setApiAnswer] = useState('{"status": "enviado"}');

  const run = (input: FlowInput, before: Line[], from: FlowState | null) => {
    const step: FlowStep = stepFlow(props.flow, from, input, {
      contact: { name: 'Lucía Gómez', phone: '+34600111222', attributes: {} },
      workspaceName: me.workspace.name,
      isOpen: () => open,
      now: Date.now(),
    });
    const said: Line[] = step.effects.flatMap((e): Line[] => {
      if (e.type === 'send') {
        const m = e.message;
        if (m.type === 'text') return [{ who: 'bot', text: m.text, options: [] }];
        if (m.type === 'interactive')
          return [
            {
              who: 'bot',
              text: m.interactive.body,
              options: m.interactive.buttons.length
                ? m.interactive.buttons
                : (m.interactive.list?.sections.flatMap((s) => s.rows) ?? []),
            },
          ];
        return [{ who: 'bot', text: '📍', options: [] }];
      }
      if (e.type === 'handoff') return [{ who: 'note', text: t('flows.outcome.handed_off') }];
      if (e.type === 'http') return [{ who: 'note', text: `${e.request.method} ${e.request.url}` }];
      if (e.type === 'enroll_sequence')
        return [
          { who: 'note', text: t('flows.builder.tryEnrolled', { name: names.sequence(e.sequenceId) }) },
        ];
      return [];
    });
    setLines([...before, ...said]);
    setState(step.state);
    const waiting =
      step.outcome === 'waiting' || step.outcome === 'waiting_timer' || step.outcome === 'waiting_http';
    setCalling(step.outcome === 'waiting_http');
    setEnded(waiting ? null : t(`flows.outcome.${step.outcome}`));
    props.onStep(waiting ? step.state.nodeId : null);
  };

  const restart = () => run({ kind: 'start' }, [], null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts once, and again when asked
  useEffect(restart, []);

  const answer = (text: string, replyId: string | null = null) => {
    if (!state || ended) return;
    const before: Line[] = [...lines, { who: 'customer', text }];
    run(
      { kind: 'message', text: replyId ? null : text, replyId, replyTitle: replyId ? text : null },
      before,
      state,
    );
  };
  /** Plays the API's part for an HTTP step: a 200 with this JSON, or a failure. */
  const respond = (ok: boolean) => {
    if (!state) return;
    let json: unknown = null;
    try {
      json = JSON.parse(apiAnswer);
    } catch {
      json = null;
    }
    run(
      { kind: 'http', status: ok ? 200 : 500, json: ok ? json : null, error: null },
      [...lines, { who: 'note', text: ok ? `200 ${apiAnswer}` : '500' }],
      state,
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    answer(draft.trim());
    setDraft('');
  };

  const last = lines.at(-1);
  return (
    <div className="flex flex-col gap-3" data-testid="try-it">
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-medium">{t('flows.builder.tryTitle')}</h3>
        <Button variant="ghost" size="sm" onClick={restart} data-testid="try-restart">
          <RotateCcw aria-hidden className="size-4" />
          {t('flows.builder.tryRestart')}
        </Button>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} />
        {t('flows.builder.tryOpen')}
      </label>
      <ol className="flex max-h-80 flex-col gap-1.5 overflow-y-auto rounded-lg bg-[#efeae2] p-3 dark:bg-neutral-950">
        {lines.map((line, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the conversation only grows
            key={i}
            className={cn(
              'max-w-[85%] rounded-lg px-2.5 py-1.5 text-sm whitespace-pre-wrap shadow-xs',
              line.who === 'customer' && 'self-end bg-[#d9fdd3] dark:bg-emerald-900',
              line.who === 'bot' && 'self-start bg-white dark:bg-neutral-800',
              line.who === 'note' && 'self-center bg-transparent text-xs text-neutral-500 shadow-none',
            )}
            data-testid={`try-line-${line.who}`}
          >
            {line.text}
            {line.who === 'bot' && line === last && line.options.length > 0 && !ended ? (
              <div className="mt-1.5 flex flex-col gap-1 border-t border-neutral-100 pt-1.5 dark:border-neutral-700">
                {line.options.map((o) => (
                  <button
                    key={o.id}
                    type="button"
                    className="rounded px-2 py-1 text-center text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-neutral-700"
                    onClick={() => answer(o.title, o.id)}
                    data-testid={`try-option-${o.id}`}
                  >
                    {o.title}
                  </button>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {calling && !ended ? (
        <div className="flex flex-col gap-2 rounded-lg border border-teal-300 p-2" data-testid="try-http">
          <span className="text-xs font-medium text-neutral-600 dark:text-neutral-400">
            {t('flows.http.simulate')}
          </span>
          <Textarea
            aria-label={t('flows.http.simulateOk')}
            rows={2}
            className="font-mono text-xs"
            value={apiAnswer}
            onChange={(e) => setApiAnswer(e.target.value)}
          />
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => respond(true)} data-testid="try-http-ok">
              {t('flows.http.simulateOk')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => respond(false)} data-testid="try-http-fail">
              {t('flows.http.simulateFail')}
            </Button>
          </div>
        </div>
      ) : null}
      {ended ? (
        <p className="text-sm text-neutral-600 dark:text-neutral-400" data-testid="try-ended">
          {t('flows.builder.tryEnded', { outcome: ended })}
        </p>
      ) : (
        <form onSubmit={submit} className="flex gap-2">
          <Input
            aria-label={t('flows.builder.tryPlaceholder')}
            placeholder={t('flows.builder.tryPlaceholder')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="try-input"
          />
          <Button type="submit" variant="secondary">
            {t('flows.builder.trySend')}
          </Button>
        </form>
      )}
      {state && Object.keys(state.variables).length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold text-neutral-500 uppercase">
            {t('flows.builder.tryVariables')}
          </h4>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm" data-testid="try-variables">
            {Object.entries(state.variables).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-mono text-xs text-neutral-500">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
