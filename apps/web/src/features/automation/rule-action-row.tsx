import { RULE_VARIABLES, type RuleAction, type RuleMessage } from '@charla/contracts';
import { Plus, X } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/use-error-message';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Input, Select, Textarea } from '../../ui/input';
import { AutomaticFileFields, MessageKindChoice } from './automatic-file-fields';
import { HttpRequestFieldsEditor } from './http-request-fields';
import { replyIdOf } from './reply-id';
import { RuleRow } from './rule-row';
import { RuleTemplateFallback } from './rule-template-fallback';
import { useRuleNames } from './use-rule-names';

/** One action of a rule: what it does, and its settings. */
export function RuleActionRow(props: {
  index: number;
  action: RuleAction;
  /** The WhatsApp Business Account of the rule's numbers: its templates are offered as fallback. */
  wabaId: string | null;
  /** The rule's numbers (empty: all): a file is uploaded for one of them. */
  channelIds: string[];
  error: unknown;
  onChange(a: RuleAction): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const { action: a, index } = props;
  const { members, teams, labels, flows, sequences } = useRuleNames();
  const id = (name: string) => `action-${index}-${name}`;
  const problem = (path: string) => fieldError(props.error, `actions.${index}${path}`);
  const addOrRemove = (add: boolean, onChange: (add: boolean) => void) => (
    <Field id={id('add')} label={t('rules.editor.addOrRemove')}>
      <Select
        id={id('add')}
        value={add ? 'add' : 'remove'}
        onChange={(e) => onChange(e.target.value === 'add')}
      >
        <option value="add">{t('rules.editor.add')}</option>
        <option value="remove">{t('rules.editor.removeIt')}</option>
      </Select>
    </Field>
  );
  return (
    <RuleRow title={t(`rules.action.${a.type}`)} onRemove={props.onRemove} testId={`rule-action-${index}`}>
      {problem('') ? <p className="text-xs text-red-600 dark:text-red-400">{problem('')}</p> : null}
      {a.type === 'send_message' ? (
        <>
          <MessageKindChoice
            id={id('kind')}
            isFile={a.message.type === 'media'}
            onChange={(message) => props.onChange({ ...a, message })}
          />
          {a.message.type === 'media' ? (
            <AutomaticFileFields
              idPrefix={`action-${index}`}
              message={a.message}
              numbers={props.channelIds}
              problem={(path) => problem(`.message${path}`)}
              onChange={(message) => props.onChange({ ...a, message })}
            />
          ) : (
            <MessageFields
              index={index}
              message={a.message}
              onChange={(message) => props.onChange({ ...a, message })}
              error={props.error}
            />
          )}
          <RuleTemplateFallback
            index={index}
            wabaId={props.wabaId}
            template={a.template}
            error={props.error}
            onChange={(template) => props.onChange({ ...a, template })}
          />
        </>
      ) : null}
      {a.type === 'assign' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id('to')} label={t('rules.editor.assignTo')}>
            <Select
              id={id('to')}
              value={a.to}
              onChange={(e) => props.onChange({ ...a, to: e.target.value as typeof a.to })}
              data-testid="rule-assign-to"
            >
              {(['round_robin', 'agent', 'team', 'last_assignee'] as const).map((to) => (
                <option key={to} value={to}>
                  {t(`rules.assign.${to}`)}
                </option>
              ))}
            </Select>
          </Field>
          {a.to === 'agent' ? (
            <Field id={id('user')} label={t('rules.editor.agent')} error={problem('.userId')}>
              <Select
                id={id('user')}
                value={a.userId ?? ''}
                onChange={(e) => props.onChange({ ...a, userId: e.target.value || null })}
                data-testid="rule-assign-agent"
              >
                <option value="">{t('rules.editor.chooseMember')}</option>
                {members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          {a.to === 'team' || a.to === 'round_robin' ? (
            <Field id={id('team')} label={t('rules.editor.team')} error={problem('.teamId')}>
              <Select
                id={id('team')}
                value={a.teamId ?? ''}
                onChange={(e) => props.onChange({ ...a, teamId: e.target.value || null })}
              >
                <option value="">
                  {a.to === 'team' ? t('rules.editor.chooseTeam') : t('rules.editor.anyTeam')}
                </option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
        </div>
      ) : null}
      {a.type === 'label' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id('label')} label={t('rules.editor.label')} error={problem('.labelId')}>
            <Select
              id={id('label')}
              value={a.labelId}
              onChange={(e) => props.onChange({ ...a, labelId: e.target.value })}
            >
              <option value="">{t('rules.editor.chooseLabel')}</option>
              {labels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          </Field>
          {addOrRemove(a.add, (add) => props.onChange({ ...a, add }))}
        </div>
      ) : null}
      {a.type === 'tag' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id('tag')} label={t('rules.editor.tag')} error={problem('.tag')}>
            <Input
              id={id('tag')}
              value={a.tag}
              onChange={(e) => props.onChange({ ...a, tag: e.target.value })}
            />
          </Field>
          {addOrRemove(a.add, (add) => props.onChange({ ...a, add }))}
        </div>
      ) : null}
      {a.type === 'set_attribute' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id('key')} label={t('rules.editor.attributeKey')} error={problem('.key')}>
            <Input
              id={id('key')}
              value={a.key}
              onChange={(e) => props.onChange({ ...a, key: e.target.value })}
            />
          </Field>
          <Field id={id('value')} label={t('rules.editor.value')} error={problem('.value')}>
            <Input
              id={id('value')}
              value={a.value}
              onChange={(e) => props.onChange({ ...a, value: e.target.value })}
            />
          </Field>
        </div>
      ) : null}
      {a.type === 'status' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id('status')} label={t('rules.editor.status')}>
            <Select
              id={id('status')}
              value={a.status}
              onChange={(e) => props.onChange({ ...a, status: e.target.value as typeof a.status })}
            >
              {(['open', 'pending', 'resolved', 'snoozed'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`rules.status.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          {a.status === 'snoozed' ? (
            <Field id={id('snooze')} label={t('rules.editor.snoozeMinutes')}>
              <Input
                id={id('snooze')}
                type="number"
                min={1}
                value={a.snoozeMinutes ?? 60}
                onChange={(e) =>
                  props.onChange({ ...a, snoozeMinutes: Math.max(1, Number(e.target.value) || 1) })
                }
              />
            </Field>
          ) : null}
        </div>
      ) : null}
      {a.type === 'note' ? (
        <Field id={id('note')} label={t('rules.editor.note')} error={problem('.text')}>
          <Textarea
            id={id('note')}
            rows={2}
            value={a.text}
            onChange={(e) => props.onChange({ ...a, text: e.target.value })}
          />
        </Field>
      ) : null}
      {a.type === 'http_request' ? (
        <HttpRequestFieldsEditor
          idPrefix={id('http')}
          node={a}
          onChange={(next) => props.onChange(next)}
          error={problem}
        />
      ) : null}
      {a.type === 'start_flow' ? (
        <Field id={id('flow')} label={t('flows.field.flow')} error={problem('.flowId')}>
          <Select
            id={id('flow')}
            value={a.flowId}
            onChange={(e) => props.onChange({ ...a, flowId: e.target.value })}
            data-testid="rule-start-flow"
          >
            <option value="">—</option>
            {flows
              .filter((f) => f.publishedVersion !== null)
              .map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
          </Select>
        </Field>
      ) : null}
      {a.type === 'enroll_sequence' ? (
        <Field id={id('sequence')} label={t('sequences.ruleField')} error={problem('.sequenceId')}>
          <Select
            id={id('sequence')}
            value={a.sequenceId}
            onChange={(e) => props.onChange({ ...a, sequenceId: e.target.value })}
            data-testid="rule-enroll-sequence"
          >
            <option value="">—</option>
            {sequences.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {a.type === 'stop' ? (
        <p className="text-sm text-neutral-500 dark:text-neutral-400">{t('rules.editor.stopHint')}</p>
      ) : null}
    </RuleRow>
  );
}

/** Text (with {{variables}}) and, optionally, up to three reply buttons. */
function MessageFields(props: {
  index: number;
  message: RuleMessage;
  error: unknown;
  onChange(m: RuleMessage): void;
}) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  const m = props.message;
  const text = m.type === 'text' ? m.text : m.type === 'interactive' ? m.interactive.body : '';
  const buttons = m.type === 'interactive' ? m.interactive.buttons : [];
  const id = `action-${props.index}-text`;
  const path = `actions.${props.index}.message`;
  const error =
    fieldError(props.error, `${path}.text`) ??
    fieldError(props.error, `${path}.interactive.body`) ??
    fieldError(props.error, path);

  const build = (body: string, list: { id: string; title: string }[]): RuleMessage =>
    list.length === 0
      ? { type: 'text', text: body }
      : {
          type: 'interactive',
          interactive: {
            kind: 'buttons',
            header: null,
            body,
            footer: null,
            buttons: list,
            list: null,
            cta: null,
          },
        };

  const insert = (name: string) => {
    const el = area.current;
    const token = `{{${name}}}`;
    const at = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    props.onChange(build(text.slice(0, at) + token + text.slice(end), buttons));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  return (
    <div className="flex flex-col gap-2">
      <Field id={id} label={t('rules.editor.message')} error={error}>
        <Textarea
          id={id}
          ref={area}
          rows={3}
          value={text}
          onChange={(e) => props.onChange(build(e.target.value, buttons))}
          data-testid="rule-message"
        />
      </Field>
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <span className="text-neutral-500 dark:text-neutral-400">{t('rules.editor.variables')}</span>
        {RULE_VARIABLES.map((name) => (
          <button
            key={name}
            type="button"
            onClick={() => insert(name)}
            className="rounded-full bg-neutral-100 px-2 py-0.5 font-mono text-neutral-700 hover:bg-neutral-200 dark:bg-neutral-800 dark:text-neutral-300 dark:hover:bg-neutral-700"
          >
            {`{{${name}}}`}
          </button>
        ))}
      </div>
      {m.type !== 'location' ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t('rules.editor.buttons')}</legend>
          {buttons.map((b, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a button's id follows its title as it is typed
            <div key={n} className="flex items-center gap-2">
              <Input
                aria-label={t('rules.editor.buttonTitle', { n: n + 1 })}
                value={b.title}
                maxLength={20}
                onChange={(e) =>
                  props.onChange(
                    build(
                      text,
                      buttons.map((x, j) =>
                        j === n
                          ? { id: replyIdOf(e.target.value, `button-${n + 1}`), title: e.target.value }
                          : x,
                      ),
                    ),
                  )
                }
                className="sm:max-w-xs"
              />
              <code className="text-xs text-neutral-500">{b.id}</code>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={t('rules.editor.remove')}
                onClick={() =>
                  props.onChange(
                    build(
                      text,
                      buttons.filter((_, j) => j !== n),
                    ),
                  )
                }
              >
                <X aria-hidden className="size-4" />
              </Button>
            </div>
          ))}
          {buttons.length < 3 ? (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="self-start"
              onClick={() =>
                props.onChange(build(text, [...buttons, { id: `button-${buttons.length + 1}`, title: '' }]))
              }
            >
              <Plus aria-hidden className="size-4" />
              {t('rules.editor.addButton')}
            </Button>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}
