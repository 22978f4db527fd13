import type { HttpRequestSpec } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { Input, Select, Textarea } from '../../ui/input';
import { KeyValueRows } from './key-value-rows';

const METHODS: HttpRequestSpec['method'][] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const BODY_EXAMPLE = '{"pedido": "{{pedido}}", "telefono": "{{contact.phone}}"}';

/** An HTTP request's method, address, headers, JSON body and timeout (a bot's step, a rule's action). */
export function HttpRequestFieldsEditor<T extends HttpRequestSpec>(props: {
  idPrefix: string;
  node: T;
  onChange(value: T): void;
  error?: (path: string) => string | null;
}) {
  const { t } = useTranslation();
  const { node } = props;
  const set = (patch: Partial<HttpRequestSpec>) => props.onChange({ ...node, ...patch });
  const id = (name: string) => `${props.idPrefix}-${name}`;
  return (
    <>
      <div className="grid grid-cols-[6.5rem_1fr] gap-2">
        <Field id={id('method')} label={t('flows.http.method')}>
          <Select
            id={id('method')}
            value={node.method}
            onChange={(e) => set({ method: e.target.value as HttpRequestSpec['method'] })}
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id={id('url')}
          label={t('flows.http.url')}
          hint={t('flows.http.urlHint')}
          error={props.error?.('.url')}
        >
          <Input
            id={id('url')}
            value={node.url}
            placeholder="https://tienda.example/pedidos/{{pedido}}"
            onChange={(e) => set({ url: e.target.value })}
            data-testid="http-url"
          />
        </Field>
      </div>
      <KeyValueRows
        legend={t('flows.http.headers')}
        addLabel={t('flows.http.addHeader')}
        columns={[
          { field: 'name', label: t('flows.http.headerName'), placeholder: 'Authorization' },
          { field: 'value', label: t('flows.http.headerValue'), placeholder: 'Bearer …' },
        ]}
        rows={node.headers}
        onChange={(headers) => set({ headers })}
      />
      {node.method === 'GET' || node.method === 'DELETE' ? null : (
        <Field
          id={id('body')}
          label={t('flows.http.body')}
          hint={t('flows.http.bodyHint')}
          error={props.error?.('.body')}
        >
          <Textarea
            id={id('body')}
            rows={4}
            className="font-mono text-xs"
            value={node.body}
            placeholder={BODY_EXAMPLE}
            onChange={(e) => set({ body: e.target.value })}
          />
        </Field>
      )}
      <Field id={id('timeout')} label={t('flows.http.timeout')}>
        <Input
          id={id('timeout')}
          type="number"
          min={1}
          max={30}
          value={node.timeoutSeconds}
          onChange={(e) => set({ timeoutSeconds: Math.min(30, Math.max(1, Number(e.target.value) || 1)) })}
        />
      </Field>
    </>
  );
}
