import type { FlowNode } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { HttpRequestFieldsEditor } from '../http-request-fields';
import { KeyValueRows } from '../key-value-rows';

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
      <KeyValueRows
        legend={t('flows.http.map')}
        addLabel={t('flows.http.addMap')}
        columns={[
          { field: 'path', label: t('flows.http.mapPath') },
          { field: 'variable', label: t('flows.http.mapVariable') },
        ]}
        rows={node.map}
        onChange={(map) => set({ map })}
      />
      <p className="text-xs text-neutral-500">{t('flows.http.outputs')}</p>
      <p className="text-xs text-neutral-500">{t('flows.http.private')}</p>
    </>
  );
}
