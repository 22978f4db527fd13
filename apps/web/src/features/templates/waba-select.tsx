import { useTranslation } from 'react-i18next';
import { Select } from '../../ui/input';
import type { Waba } from './templates.api';

/** Shown only when the workspace's numbers belong to more than one WhatsApp Business Account. */
export function WabaSelect({
  wabas,
  value,
  onChange,
}: {
  wabas: Waba[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (wabas.length < 2) return null;
  return (
    <div className="flex items-center gap-2">
      <label
        htmlFor="waba-select"
        className="text-sm whitespace-nowrap text-neutral-600 dark:text-neutral-400"
      >
        {t('templates.list.account')}
      </label>
      <Select
        id="waba-select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid="waba-select"
        className="w-auto max-w-64"
      >
        {wabas.map((waba) => (
          <option key={waba.id} value={waba.id}>
            {waba.channelNames.join(', ')} · {waba.id}
          </option>
        ))}
      </Select>
    </div>
  );
}
