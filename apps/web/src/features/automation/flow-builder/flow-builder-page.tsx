import '@xyflow/react/dist/style.css';
import type { Flow, FlowDefinition, FlowNode } from '@charla/contracts';
import {
  addEdge,
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  ReactFlow,
} from '@xyflow/react';
import { ArrowLeft, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { cn } from '../../../lib/cn';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field } from '../../../ui/field';
import { Input, Select, Textarea } from '../../../ui/input';
import { Spinner } from '../../../ui/spinner';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { useFlow, usePublishFlow, useSaveFlow } from '../flows.api';
import { NODE_TYPES, newNode } from './flow-outputs';
import { NodeEditor } from './node-editor';
import { type StepData, StepNode } from './step-node';
import { TryItPanel } from './try-it-panel';

const nodeTypes = { step: StepNode };

/** Automation › a bot: the diagram, the selected step's settings, "try it", save and publish. */
export function FlowBuilderPage() {
  const { t } = useTranslation();
  const { flowId = '' } = useParams();
  const flow = useFlow(flowId);
  const errorMessage = useErrorMessage();
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto p-4 md:p-6" data-testid="flow-builder">
      <Link
        to="/automation/bots"
        className="inline-flex items-center gap-1 self-start text-sm text-neutral-600 hover:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100"
      >
        <ArrowLeft aria-hidden className="size-4" />
        {t('flows.builder.back')}
      </Link>
      {flow.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : flow.isError ? (
        <Alert tone="error">{errorMessage(flow.error)}</Alert>
      ) : (
        <Builder key={flow.data.id} flow={flow.data} />
      )}
    </div>
  );
}

/**
 * The problems publishing named, by node id (`nodes.<id>` fields of 422 flow_invalid), said in
 * the page's language (the server's English when a code is new to this page).
 */
function problemsOf(
  error: unknown,
  t: (key: string, o?: Record<string, unknown>) => string,
  exists: (key: string) => boolean,
  definition: FlowDefinition,
): { byNode: Map<string, string[]>; all: { nodeId: string | null; message: string }[] } {
  const byNode = new Map<string, string[]>();
  const all: { nodeId: string | null; message: string }[] = [];
  if (isApiError(error) && error.code === 'flow_invalid')
    for (const f of error.fields) {
      const nodeId = f.path.startsWith('nodes.')
        ? (f.path.slice('nodes.'.length).split('.')[0] ?? null)
        : null;
      const node = definition.nodes.find((n) => n.id === nodeId);
      // A branch is named by what the person sees: the option's title, "yes", "no".
      const detail =
        f.detail?.startsWith('option:') && node?.type === 'choice'
          ? (node.options.find((o) => `option:${o.id}` === f.detail)?.title ?? f.detail)
          : f.detail && exists(`flows.handle.${f.detail}`)
            ? t(`flows.handle.${f.detail}`)
            : (f.detail ?? '');
      const key = `flows.problem.${f.code}`;
      const message = f.code && exists(key) ? t(key, { detail }) : f.message;
      all.push({ nodeId, message });
      if (nodeId) byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), message]);
    }
  return { byNode, all };
}

function Builder({ flow }: { flow: Flow }) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const canEdit = canManageMembers(me.role);
  const [name, setName] = useState(flow.name);
  const [definition, setDefinition] = useState<FlowDefinition>(flow.draft);
  const [selected, setSelected] = useState<string | null>(null);
  const [panel, setPanel] = useState<'edit' | 'try'>('edit');
  const [tryNode, setTryNode] = useState<string | null>(null);
  const [tryRun, setTryRun] = useState(0);
  const [addType, setAddType] = useState<(typeof NODE_TYPES)[number]>('message');
  const save = useSaveFlow(flow.id);
  const publish = usePublishFlow(flow.id);
  const errorMessage = useErrorMessage();
  const problems = problemsOf(publish.error, t, (key) => i18n.exists(key), definition);
  // The newest answer of the server says whether it is published.
  const current = [flow, save.data, publish.data]
    .filter((f): f is Flow => f !== undefined)
    .reduce((a, b) => (b.updatedAt >= a.updatedAt ? b : a));

  const nodes: Node<StepData>[] = useMemo(
    () =>
      definition.nodes.map((node) => ({
        id: node.id,
        type: 'step',
        position: node.position,
        selected: node.id === selected,
        data: {
          node,
          problems: problems.byNode.get(node.id) ?? [],
          current: panel === 'try' && node.id === tryNode,
        },
      })),
    [definition.nodes, selected, problems.byNode, panel, tryNode],
  );
  const edges: Edge[] = useMemo(
    () =>
      definition.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: e.sourceHandle,
      })),
    [definition.edges],
  );

  const edit = (next: FlowDefinition) => {
    setDefinition(next);
    save.reset();
  };
  const onNodesChange = (changes: NodeChange<Node<StepData>>[]) => {
    const moved = applyNodeChanges(changes, nodes);
    const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
    const positions = new Map(moved.map((n) => [n.id, n.position]));
    const changed = changes.some((c) => c.type === 'position' || c.type === 'remove');
    for (const c of changes) if (c.type === 'select' && c.selected) setSelected(c.id);
    if (!changed || !canEdit) return;
    edit({
      ...definition,
      nodes: definition.nodes
        .filter((n) => !removed.has(n.id) || n.type === 'start')
        .map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
      edges: definition.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)),
    });
  };
  const onEdgesChange = (changes: EdgeChange[]) => {
    const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
    if (removed.size > 0 && canEdit)
      edit({ ...definition, edges: definition.edges.filter((e) => !removed.has(e.id)) });
  };
  const onConnect = (connection: Connection) => {
    if (!canEdit || connection.source === connection.target) return;
    const handle = connection.sourceHandle ?? 'next';
    // One edge per output: a new connection replaces the old one.
    const others = definition.edges.filter(
      (e) => !(e.source === connection.source && e.sourceHandle === handle),
    );
    const added = addEdge({ ...connection, id: `${connection.source}-${handle}-${connection.target}` }, []);
    edit({
      ...definition,
      edges: [
        ...others,
        ...added.map((e) => ({
          id: e.id,
          source: e.source,
          target: e.target,
          sourceHandle: e.sourceHandle ?? 'next',
        })),
      ],
    });
  };
  const addNode = () => {
    // Below and to the right of the step being edited, so the new one is easy to wire from it.
    const from = definition.nodes.find((n) => n.id === selected);
    const lowest = Math.max(0, ...definition.nodes.map((n) => n.position.y));
    const node = newNode(
      addType,
      definition,
      from ? { x: from.position.x + 260, y: from.position.y + 150 } : { x: 0, y: lowest + 160 },
    );
    edit({ ...definition, nodes: [...definition.nodes, node] });
    setSelected(node.id);
    setPanel('edit');
  };
  const changeNode = (node: FlowNode) =>
    edit({ ...definition, nodes: definition.nodes.map((n) => (n.id === node.id ? node : n)) });
  const deleteNode = (id: string) => {
    edit({
      ...definition,
      nodes: definition.nodes.filter((n) => n.id !== id),
      edges: definition.edges.filter((e) => e.source !== id && e.target !== id),
    });
    setSelected(null);
  };
  const saveDraft = () => save.mutateAsync({ name, draft: definition });
  const publishNow = async () => {
    publish.reset();
    await saveDraft();
    publish.mutate();
  };
  const selectedNode = definition.nodes.find((n) => n.id === selected) ?? null;
  const settings = definition.settings;
  const setSettings = (patch: Partial<FlowDefinition['settings']>) =>
    edit({ ...definition, settings: { ...settings, ...patch } });

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1.5 sm:max-w-md">
          <Input
            aria-label={t('flows.builder.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="text-lg font-semibold"
            disabled={!canEdit}
            data-testid="flow-name"
          />
          <div className="flex flex-wrap gap-1.5">
            {current.publishedVersion ? (
              <Badge tone="green">{t('flows.version', { version: current.publishedVersion })}</Badge>
            ) : (
              <Badge>{t('flows.draftOnly')}</Badge>
            )}
            {save.isSuccess ? <Badge tone="blue">{t('flows.builder.saved')}</Badge> : null}
          </div>
        </div>
        {canEdit ? (
          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() => void saveDraft()}
              isLoading={save.isPending}
              data-testid="flow-save"
            >
              {t('flows.builder.save')}
            </Button>
            <Button
              onClick={() => void publishNow()}
              isLoading={publish.isPending}
              data-testid="flow-publish"
            >
              {t('flows.builder.publish')}
            </Button>
          </div>
        ) : null}
      </div>
      {publish.isSuccess ? (
        <div data-testid="flow-published">
          <Alert tone="info">
            {t('flows.builder.published', { version: publish.data.publishedVersion })}
          </Alert>
        </div>
      ) : null}
      {problems.all.length > 0 ? (
        <Alert tone="error">
          <p className="font-medium" data-testid="flow-problems">
            {t('flows.builder.problems')}
          </p>
          <ul className="mt-1 list-disc pl-5">
            {problems.all.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt on each publish
              <li key={i}>
                {p.nodeId ? (
                  <button type="button" className="underline" onClick={() => setSelected(p.nodeId)}>
                    {p.nodeId}
                  </button>
                ) : null}
                {p.nodeId ? ': ' : ''}
                {p.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : publish.isError ? (
        <Alert tone="error">{errorMessage(publish.error)}</Alert>
      ) : null}
      {save.isError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      <div className="grid min-h-[560px] flex-1 gap-3 lg:grid-cols-[1fr_22rem]">
        <Card className="relative min-h-[420px] overflow-hidden p-0" aria-label={t('flows.builder.canvas')}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onNodeClick={(_, node) => {
              setSelected(node.id);
              setPanel('edit');
            }}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            fitView
            fitViewOptions={{ padding: 0.2 }}
            proOptions={{ hideAttribution: true }}
            defaultEdgeOptions={{ style: { strokeWidth: 2 } }}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </Card>
        <Card className="flex flex-col gap-3 p-4">
          <div className="flex gap-1" role="tablist">
            {(['edit', 'try'] as const).map((p) => (
              <button
                key={p}
                type="button"
                role="tab"
                aria-selected={panel === p}
                onClick={() => {
                  setPanel(p);
                  if (p === 'try') setTryRun((n) => n + 1);
                }}
                className={cn(
                  'rounded-lg px-3 py-1.5 text-sm font-medium',
                  panel === p
                    ? 'bg-brand-50 text-brand-700 dark:bg-brand-950 dark:text-brand-300'
                    : 'text-neutral-600 hover:bg-neutral-100 dark:text-neutral-400 dark:hover:bg-neutral-800',
                )}
                data-testid={`flow-panel-${p}`}
              >
                {p === 'edit' ? t('flows.builder.settings') : t('flows.builder.tryIt')}
              </button>
            ))}
          </div>
          {panel === 'try' ? (
            <TryItPanel key={tryRun} flow={definition} onStep={setTryNode} />
          ) : (
            <>
              {canEdit ? (
                <div className="flex gap-2">
                  <Select
                    aria-label={t('flows.builder.add')}
                    value={addType}
                    onChange={(e) => setAddType(e.target.value as typeof addType)}
                    data-testid="flow-add-type"
                  >
                    {NODE_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`flows.node.${type}`)}
                      </option>
                    ))}
                  </Select>
                  <Button variant="secondary" onClick={addNode} data-testid="flow-add">
                    <Plus aria-hidden className="size-4" />
                    {t('flows.builder.add')}
                  </Button>
                </div>
              ) : null}
              {selectedNode ? (
                <NodeEditor
                  key={selectedNode.id}
                  node={selectedNode}
                  onChange={changeNode}
                  onDelete={() => deleteNode(selectedNode.id)}
                />
              ) : (
                <div className="flex flex-col gap-3">
                  <p className="text-sm text-neutral-500 dark:text-neutral-400">
                    {t('flows.builder.select')}
                  </p>
                  <Field id="flow-idle" label={t('flows.builder.idleMinutes')}>
                    <Input
                      id="flow-idle"
                      type="number"
                      min={1}
                      max={1440}
                      value={settings.idleMinutes}
                      onChange={(e) =>
                        setSettings({ idleMinutes: Math.min(1440, Math.max(1, Number(e.target.value) || 1)) })
                      }
                    />
                  </Field>
                  <Field id="flow-reminder" label={t('flows.builder.reminderMinutes')}>
                    <Input
                      id="flow-reminder"
                      type="number"
                      min={0}
                      value={settings.reminderMinutes ?? 0}
                      onChange={(e) =>
                        setSettings({
                          reminderMinutes: Number(e.target.value) > 0 ? Number(e.target.value) : null,
                        })
                      }
                    />
                  </Field>
                  {(['reminderText', 'exitText', 'fallbackText'] as const).map((key) => (
                    <Field key={key} id={`flow-${key}`} label={t(`flows.builder.${key}`)}>
                      <Textarea
                        id={`flow-${key}`}
                        rows={2}
                        value={settings[key]}
                        onChange={(e) => setSettings({ [key]: e.target.value })}
                      />
                    </Field>
                  ))}
                </div>
              )}
            </>
          )}
        </Card>
      </div>
    </>
  );
}
