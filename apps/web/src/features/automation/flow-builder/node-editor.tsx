import type { FlowNode } from '@charla/contracts';
import { Trash2, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { Field } from '../../../ui/field';
import { Input, Select, Textarea } from '../../../ui/input';
import { AutomaticFileFields, MessageKindChoice } from '../automatic-file-fields';
import { useFlows } from '../flows.api';
import { replyIdOf } from '../reply-id';
import { useRuleNames } from '../use-rule-names';
import { HttpNodeEditor } from './http-node-editor';

/** The selected step's settings. */
export function NodeEditor(props: { node: FlowNode; onChange(node: FlowNode): void; onDelete(): void }) {
  const { t } = useTranslation();
  const { node } = props;
  const { members, teams, sequences } = useRuleNames();
  const flows = useFlows();
  const set = (patch: Partial<FlowNode>) => props.onChange({ ...node, ...patch } as FlowNode);
  const id = (name: string) => `node-${node.id}-${name}`;
  const text = (label: string, value: string, onChange: (v: string) => void, rows = 3, testId?: string) => (
    <Field id={id(label)} label={label}>
      <Textarea
        id={id(label)}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </Field>
  );
  return (
    <div className="flex flex-col gap-3" data-testid="node-editor">
      <div className="flex items-center justify-between">
        <h3 className="font-medium">{t(`flows.node.${node.type}`)}</h3>
        {node.type === 'start' ? null : (
          <Button variant="ghost" size="sm" onClick={props.onDelete} data-testid="node-delete">
            <Trash2 aria-hidden className="size-4" />
            {t('flows.builder.delete')}
          </Button>
        )}
      </div>
      {node.type === 'message' ? (
        <MessageKindChoice
          id={id('kind')}
          isFile={node.message.type === 'media'}
          onChange={(message) => set({ message })}
        />
      ) : null}
      {node.type === 'message' && node.message.type === 'media' ? (
        <AutomaticFileFields
          idPrefix={`node-${node.id}`}
          message={node.message}
          numbers={[]}
          problem={() => undefined}
          onChange={(message) => set({ message })}
        />
      ) : null}
      {node.type === 'message' && node.message.type === 'text'
        ? text(
            t('flows.field.text'),
            node.message.text,
            (v) => set({ message: { type: 'text', text: v } }),
            4,
            'node-text',
          )
        : null}
      {node.type === 'choice' ? (
        <>
          {text(t('flows.field.text'), node.text, (v) => set({ text: v }), 3, 'node-text')}
          <Field id={id('options')} label={t('flows.field.options')}>
            <Textarea
              id={id('options')}
              rows={4}
              value={node.options.map((o) => o.title).join('\n')}
              onChange={(e) =>
                set({
                  options: e.target.value
                    .split('\n')
                    .slice(0, 10)
                    .map((title, n) => ({
                      id: node.options[n]?.id ?? replyIdOf(title, `option-${n + 1}`),
                      title,
                    })),
                })
              }
              data-testid="node-options"
            />
          </Field>
          <Field id={id('saveAs')} label={t('flows.field.saveAs')}>
            <Input
              id={id('saveAs')}
              value={node.saveAs ?? ''}
              onChange={(e) => set({ saveAs: e.target.value.trim() || null })}
            />
          </Field>
        </>
      ) : null}
      {node.type === 'question' ? (
        <>
          {text(t('flows.field.text'), node.text, (v) => set({ text: v }), 3, 'node-text')}
          <div className="grid grid-cols-2 gap-2">
            <Field id={id('kind')} label={t('flows.field.saveTo')}>
              <Select
                id={id('kind')}
                value={node.saveTo.kind}
                onChange={(e) =>
                  set({ saveTo: { ...node.saveTo, kind: e.target.value as 'variable' | 'attribute' } })
                }
              >
                <option value="variable">{t('flows.field.variable')}</option>
                <option value="attribute">{t('flows.field.attribute')}</option>
              </Select>
            </Field>
            <Field id={id('key')} label={t('flows.field.key')}>
              <Input
                id={id('key')}
                value={node.saveTo.key}
                onChange={(e) => set({ saveTo: { ...node.saveTo, key: e.target.value } })}
                data-testid="node-save-key"
              />
            </Field>
          </div>
          <div className="grid grid-cols-2 gap-2">
            <Field id={id('validate')} label={t('flows.field.validate')}>
              <Select
                id={id('validate')}
                value={node.validate}
                onChange={(e) => set({ validate: e.target.value as typeof node.validate })}
                data-testid="node-validate"
              >
                {(['text', 'number', 'email', 'date', 'options'] as const).map((v) => (
                  <option key={v} value={v}>
                    {t(`flows.validate.${v}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id={id('tries')} label={t('flows.field.maxTries')}>
              <Input
                id={id('tries')}
                type="number"
                min={1}
                max={5}
                value={node.maxTries}
                onChange={(e) => set({ maxTries: Math.min(5, Math.max(1, Number(e.target.value) || 1)) })}
              />
            </Field>
          </div>
          {node.validate === 'options'
            ? text(
                t('flows.field.options'),
                node.options.join('\n'),
                (v) => set({ options: v.split('\n').slice(0, 20) }),
                3,
              )
            : null}
          {text(t('flows.field.retryText'), node.retryText, (v) => set({ retryText: v }), 2)}
        </>
      ) : null}
      {node.type === 'condition' ? (
        <>
          <Field id={id('match')} label={t('flows.field.match')}>
            <Select
              id={id('match')}
              value={node.match}
              onChange={(e) => set({ match: e.target.value as 'all' | 'any' })}
            >
              <option value="all">{t('flows.field.all')}</option>
              <option value="any">{t('flows.field.any')}</option>
            </Select>
          </Field>
          {node.checks.map((check, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: checks have no id; they are edited in place
            <div key={i} className="grid grid-cols-[1fr_1fr_1fr_auto] items-end gap-1.5">
              <Input
                aria-label={t('flows.field.subject')}
                value={check.subject}
                onChange={(e) =>
                  set({
                    checks: node.checks.map((c, j) => (j === i ? { ...c, subject: e.target.value } : c)),
                  })
                }
              />
              <Select
                aria-label={t('flows.field.op')}
                value={check.op}
                onChange={(e) =>
                  set({
                    checks: node.checks.map((c, j) =>
                      j === i ? { ...c, op: e.target.value as typeof c.op } : c,
                    ),
                  })
                }
              >
                {(
                  [
                    'equals',
                    'not_equals',
                    'contains',
                    'greater',
                    'less',
                    'is_set',
                    'is_empty',
                    'open',
                    'closed',
                  ] as const
                ).map((op) => (
                  <option key={op} value={op}>
                    {t(`flows.op.${op}`)}
                  </option>
                ))}
              </Select>
              <Input
                aria-label={t('flows.field.value')}
                value={check.value}
                onChange={(e) =>
                  set({ checks: node.checks.map((c, j) => (j === i ? { ...c, value: e.target.value } : c)) })
                }
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label={t('rules.editor.remove')}
                disabled={node.checks.length === 1}
                onClick={() => set({ checks: node.checks.filter((_, j) => j !== i) })}
              >
                <X aria-hidden className="size-4" />
              </Button>
            </div>
          ))}
          <Button
            variant="ghost"
            size="sm"
            className="self-start"
            onClick={() => set({ checks: [...node.checks, { subject: '', op: 'equals', value: '' }] })}
          >
            {t('flows.field.addCheck')}
          </Button>
        </>
      ) : null}
      {node.type === 'set' ? (
        <>
          <div className="grid grid-cols-2 gap-2">
            <Field id={id('target')} label={t('flows.field.target')}>
              <Select
                id={id('target')}
                value={node.target}
                onChange={(e) => set({ target: e.target.value as typeof node.target })}
              >
                <option value="tag">{t('rules.editor.tag')}</option>
                <option value="attribute">{t('flows.field.attribute')}</option>
                <option value="variable">{t('flows.field.variable')}</option>
                <option value="sequence">{t('flows.field.sequenceTarget')}</option>
              </Select>
            </Field>
            {node.target === 'sequence' ? (
              <Field id={id('sequence')} label={t('flows.field.sequence')}>
                <Select
                  id={id('sequence')}
                  value={node.key}
                  onChange={(e) => set({ key: e.target.value, remove: false })}
                  data-testid="node-sequence"
                >
                  <option value="">{t('flows.field.chooseSequence')}</option>
                  {sequences.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : (
              <Field id={id('setkey')} label={t('flows.field.key')}>
                <Input id={id('setkey')} value={node.key} onChange={(e) => set({ key: e.target.value })} />
              </Field>
            )}
          </div>
          {node.target === 'sequence' ? (
            <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('flows.field.sequenceHint')}</p>
          ) : null}
          {node.target === 'tag' || node.target === 'sequence' ? null : (
            <Field id={id('setvalue')} label={t('flows.field.value')}>
              <Input
                id={id('setvalue')}
                value={node.value}
                onChange={(e) => set({ value: e.target.value })}
              />
            </Field>
          )}
          {node.target === 'sequence' ? null : (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={node.remove}
                onChange={(e) => set({ remove: e.target.checked })}
              />
              {t('flows.field.remove')}
            </label>
          )}
        </>
      ) : null}
      {node.type === 'wait' ? (
        <Field id={id('minutes')} label={t('flows.field.minutes')}>
          <Input
            id={id('minutes')}
            type="number"
            min={1}
            value={node.minutes}
            onChange={(e) => set({ minutes: Math.max(1, Number(e.target.value) || 1) })}
          />
        </Field>
      ) : null}
      {node.type === 'handoff' ? (
        <>
          {text(t('flows.field.text'), node.text, (v) => set({ text: v }), 2, 'node-text')}
          <Field id={id('team')} label={t('flows.field.team')}>
            <Select
              id={id('team')}
              value={node.teamId ?? ''}
              onChange={(e) => set({ teamId: e.target.value || null })}
            >
              <option value="">{t('flows.field.anyone')}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={id('agent')} label={t('flows.field.agent')}>
            <Select
              id={id('agent')}
              value={node.userId ?? ''}
              onChange={(e) => set({ userId: e.target.value || null })}
            >
              <option value="">{t('flows.field.anyone')}</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </Select>
          </Field>
        </>
      ) : null}
      {node.type === 'http' ? <HttpNodeEditor node={node} onChange={props.onChange} /> : null}
      {node.type === 'goto' ? (
        <Field id={id('flow')} label={t('flows.field.flow')}>
          <Select id={id('flow')} value={node.flowId} onChange={(e) => set({ flowId: e.target.value })}>
            <option value="00000000-0000-4000-8000-000000000000">—</option>
            {(flows.data ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {node.type === 'end'
        ? text(t('flows.field.text'), node.text, (v) => set({ text: v }), 2, 'node-text')
        : null}
    </div>
  );
}
