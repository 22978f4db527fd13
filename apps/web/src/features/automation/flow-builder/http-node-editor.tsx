import type { FlowNode } from '@charla/contracts';
import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { Input } from '../../../ui/input';
import { HttpRequestFieldsEditor } from '../http-request-fields';

type HttpNode = Extract<FlowNode, { type: 'http' }>;

/** An HTTP step's settings: the request, and the answer's fields to keep. */
export function HttpNodeEditor(props: { node: HttpNode; onChange(node: FlowNode): void }) {
  const { t } = useTranslation();
  const { node } = props;
  const set = (patch: Partial<HttpNode>) => props.onChange({ ...node, ...patch });
  return (
    <>
      <HttpRequestFieldsEditor
        idPrefix={`node-${node.id}`}
        node={node}
        onChange={(next) => props.onChange(next)}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('flows.http.map')}</legend>
        {node.map.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own; removing one re-renders the rest
          <div key={i} className="grid grid-cols-[1fr_1fr_auto] gap-2">
            <Input
              aria-label={t('flows.http.mapPath')}
              placeholder={t('flows.http.mapPath')}
              value={m.path}
              onChange={(e) =>
                set({ map: node.map.map((x, j) => (j === i ? { ...x, path: e.target.value } : x)) })
              }
            />
            <Input
              aria-label={t('flows.http.mapVariable')}
              placeholder={t('flows.http.mapVariable')}
              value={m.variable}
              onChange={(e) =>
                set({ map: node.map.map((x, j) => (j === i ? { ...x, variable: e.target.value } : x)) })
              }
            />
            <Button
              variant="ghost"
              size="sm"
              aria-label={t('flows.http.remove')}
              onClick={() => set({ map: node.map.filter((_, j) => j !== i) })}
            >
              <X aria-hidden className="size-4" />
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          size="sm"
          className="self-start"
          onClick={() => set({ map: [...node.map, { path: '', variable: '' }] })}
        >
          <Plus aria-hidden className="size-4" />
          {t('flows.http.addMap')}
        </Button>
      </fieldset>
      <p className="text-xs text-neutral-500">{t('flows.http.outputs')}</p>
      <p className="text-xs text-neutral-500">{t('flows.http.private')}</p>
    </>
  );
}
