import type { ContactAttributeDefinition } from '@charla/contracts';
import { ListPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/badge';
import { Dialog } from '../../ui/dialog';
import { canManageMembers, useSession } from '../auth/require-auth';
import { useAttributeDefinitions } from '../contacts/contacts.api';
import { AttributeDialog } from './attribute-dialog';
import { useDeleteAttribute } from './attributes-settings.api';
import { RowActions, SettingsListSection } from './settings-list';

/** Settings › Contact attributes: the custom fields every contact has. Agents read them. */
export function ContactAttributesPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const canManage = canManageMembers(role);
  const definitions = useAttributeDefinitions();
  const remove = useDeleteAttribute();
  const [editing, setEditing] = useState<ContactAttributeDefinition | 'new' | null>(null);

  return (
    <SettingsListSection
      testId="attributes-settings-page"
      title={t('attributesSettings.title')}
      subtitle={t('attributesSettings.subtitle')}
      canManage={canManage}
      readOnly={t('attributesSettings.readOnly')}
      create={{
        label: t('attributesSettings.create'),
        testId: 'attribute-create',
        onClick: () => setEditing('new'),
      }}
      items={definitions}
      empty={{
        icon: ListPlus,
        title: t('attributesSettings.empty'),
        body: t('attributesSettings.emptyBody'),
      }}
      error={remove.error}
      row={(d) => (
        <div key={d.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="attribute-row">
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2 font-medium">
              {d.label}
              <Badge tone="blue">{t(`attributesSettings.types.${d.type}`)}</Badge>
            </p>
            <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">
              <span className="font-mono">{d.key}</span>
              {d.options?.length ? ` · ${d.options.join(', ')}` : ''}
            </p>
          </div>
          {canManage ? (
            <RowActions
              testPrefix="attribute"
              editLabel={t('attributesSettings.edit')}
              deleteLabel={t('attributesSettings.delete')}
              onEdit={() => setEditing(d)}
              onDelete={() => remove.mutate(d.id)}
              confirm={t('attributesSettings.deleteConfirm', { label: d.label })}
              isDeleting={remove.isPending && remove.variables === d.id}
            />
          ) : null}
        </div>
      )}
    >
      <Dialog open={editing !== null} onOpenChange={(open) => (open ? null : setEditing(null))}>
        {editing !== null ? (
          <AttributeDialog definition={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Dialog>
    </SettingsListSection>
  );
}
