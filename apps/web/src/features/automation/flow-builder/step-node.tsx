import type { FlowNode } from '@charla/contracts';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { outputsOf, summaryOf } from './flow-outputs';

export interface StepData extends Record<string, unknown> {
  node: FlowNode;
  problems: string[];
  /** The step the "try it" customer is at. */
  current: boolean;
}

const TONE: Record<FlowNode['type'], string> = {
  start: 'border-emerald-500',
  message: 'border-sky-400',
  choice: 'border-violet-400',
  question: 'border-violet-400',
  condition: 'border-amber-400',
  set: 'border-neutral-400',
  wait: 'border-neutral-400',
  http: 'border-teal-400',
  handoff: 'border-rose-400',
  goto: 'border-neutral-400',
  end: 'border-neutral-500',
};

/** A step on the canvas: its kind, what it says, and one connector per output. */
export function StepNode({ data, selected }: NodeProps & { data: StepData }) {
  const { t } = useTranslation();
  const { node } = data;
  const outputs = outputsOf(node);
  return (
    <div
      className={cn(
        'w-56 rounded-xl border-2 bg-white px-3 py-2 text-left shadow-sm dark:bg-neutral-900',
        TONE[node.type],
        selected && 'ring-2 ring-brand-500',
        data.current && 'ring-4 ring-emerald-400/60',
        data.problems.length > 0 && 'border-red-500 ring-2 ring-red-400',
      )}
      data-testid={`flow-node-${node.id}`}
      data-problem={data.problems.length > 0 ? 'true' : undefined}
    >
      {node.type === 'start' ? null : (
        <Handle type="target" position={Position.Top} className="!size-3 !bg-neutral-500" />
      )}
      <p className="text-xs font-semibold tracking-wide text-neutral-500 uppercase dark:text-neutral-400">
        {t(`flows.node.${node.type}`)}
      </p>
      {summaryOf(node) ? <p className="mt-0.5 line-clamp-3 text-sm break-words">{summaryOf(node)}</p> : null}
      {data.problems.map((p) => (
        <p key={p} className="mt-1 text-xs text-red-600 dark:text-red-400">
          {p}
        </p>
      ))}
      {outputs.length > 1 ? (
        <div className="mt-2 flex justify-between gap-1 text-[10px] text-neutral-500">
          {outputs.map((o) => (
            <span key={o.handle} className="min-w-0 flex-1 truncate text-center">
              {o.label ?? (o.labelKey ? t(o.labelKey) : '')}
            </span>
          ))}
        </div>
      ) : null}
      {outputs.map((o, i) => (
        <Handle
          key={o.handle}
          id={o.handle}
          type="source"
          position={Position.Bottom}
          style={{ left: `${((i + 1) / (outputs.length + 1)) * 100}%` }}
          className="!size-3 !bg-brand-600"
          data-testid={`flow-handle-${node.id}-${o.handle}`}
        />
      ))}
    </div>
  );
}
