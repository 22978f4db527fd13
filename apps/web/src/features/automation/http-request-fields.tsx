import type { HttpRequestSpec } from '@charla/contracts';
import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Input, Select, Textarea } from '../../ui/input';

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
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('flows.http.headers')}</legend>
        {node.headers.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own; removing one re-renders the rest
          <div key={i} className="grid grid-cols-[1fr_1fr_auto] gap-2">
            <Input
              aria-label={t('flows.http.headerName')}
              value={h.name}
              placeholder="Authorization"
              onChange={(e) =>
                set({ headers: node.headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })
              }
            />
            <Input
              aria-label={t('flows.http.headerValue')}
              value={h.value}
              placeholder="Bearer …"
              onChange={(e) =>
                set({ headers: node.headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })
              }
            />
            <Button
              variant="ghost"
              size="sm"
              aria-label={t('flows.http.remove')}
              onClick={() => set({ headers: node.headers.filter((_, j) => j !== i) })}
            >
              <X aria-hidden className="size-4" />
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          size="sm"
          className="self-start"
          onClick={() => set({ headers: [...node.headers, { name: '', value: '' }] })}
        >
          <Plus aria-hidden className="size-4" />
          {t('flows.http.addHeader')}
        </Button>
      </fieldset>
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
