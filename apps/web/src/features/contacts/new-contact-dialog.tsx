import type { CreateContactRequest } from '@charla/contracts';
import { UserPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { examplePhone } from '../../lib/phone-number';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { CountrySelect } from '../../ui/country-select';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { useSession } from '../auth/require-auth';
import { AttributeInput, attributeValueOf } from './attribute-input';
import { useAttributeDefinitions, useCreateContact } from './contacts.api';

/** "New contact": a number typed as people write it, read in the chosen country; opens the contact. */
export function NewContactDialog({ onOpenContact }: { onOpenContact: (id: string) => void }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button data-testid="new-contact">
          <UserPlus className="size-4" aria-hidden />
          {t('newContact.open')}
        </Button>
      </DialogTrigger>
      {isOpen ? (
        <DialogContent size="lg" title={t('newContact.title')} description={t('newContact.description')}>
          <NewContactForm
            onDone={(id) => {
              setIsOpen(false);
              onOpenContact(id);
            }}
          />
        </DialogContent>
      ) : null}
    </Dialog>
  );
}

function NewContactForm({ onDone }: { onDone: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const [phone, setPhone] = useState('');
  const [country, setCountry] = useState<string | null>(workspace.defaultCountry);
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [optIn, setOptIn] = useState<'' | 'opted_in' | 'opted_out'>('');
  const definitions = useAttributeDefinitions();
  const [values, setValues] = useState<Record<string, string>>({});
  const create = useCreateContact();
  const errorMessage = useErrorMessage();
  const error = create.error;
  const existingId = isApiError(error) && error.code === 'contact_exists' ? error.details.contactId : null;
  const countryName = (code: string) =>
    new Intl.DisplayNames([i18n.language], { type: 'region' }).of(code) ?? code;

  let phoneError: string | null = null;
  if (isApiError(error) && error.code === 'invalid_phone') {
    const problem = error.details.problem ?? 'invalid';
    const read = error.details.country;
    const key =
      problem === 'invalid' && !read
        ? 'newContact.problem.invalidInternational'
        : `newContact.problem.${problem}`;
    const example = country ? examplePhone(country) : null;
    phoneError = [
      t(key, { country: read ? countryName(read) : '' }),
      example && country ? t('newContact.example', { country: countryName(country), example }) : '',
    ]
      .filter(Boolean)
      .join(' ');
  } else if (existingId) phoneError = t('newContact.exists');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: CreateContactRequest = {
      phone,
      ...(country ? { country } : {}),
      name: name.trim() || null,
      tags: tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      ...(optIn ? { optIn } : {}),
      attributes: Object.fromEntries(
        (definitions.data ?? [])
          .filter((d) => (values[d.key] ?? '').trim() !== '')
          .map((d) => [d.key, attributeValueOf(d, (values[d.key] ?? '').trim())]),
      ),
    };
    create.mutate(body, { onSuccess: (contact) => onDone(contact.id) });
  };

  const example = country ? examplePhone(country) : null;
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
        <Field
          id="new-contact-phone"
          label={t('newContact.phone')}
          error={phoneError}
          hint={
            example && country
              ? t('newContact.example', { country: countryName(country), example })
              : undefined
          }
        >
          <Input
            id="new-contact-phone"
            type="tel"
            autoComplete="off"
            required
            value={phone}
            onChange={(e) => {
              setPhone(e.target.value);
              create.reset();
            }}
            aria-invalid={phoneError ? true : undefined}
            aria-describedby={phoneError ? 'new-contact-phone-error' : 'new-contact-phone-hint'}
            data-testid="new-contact-phone"
          />
        </Field>
        <Field id="new-contact-country" label={t('newContact.country')}>
          <CountrySelect
            id="new-contact-country"
            value={country}
            onChange={(next) => {
              setCountry(next);
              create.reset();
            }}
            noneLabel="—"
            data-testid="new-contact-country"
          />
        </Field>
      </div>
      {existingId ? (
        <Button
          type="button"
          variant="secondary"
          className="self-start"
          onClick={() => onDone(existingId)}
          data-testid="new-contact-open-existing"
        >
          {t('newContact.openExisting')}
        </Button>
      ) : null}
      <Field id="new-contact-name" label={t('newContact.name')}>
        <Input
          id="new-contact-name"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          data-testid="new-contact-name"
        />
      </Field>
      <Field id="new-contact-tags" label={t('newContact.tags')} hint={t('newContact.tagsHint')}>
        <Input
          id="new-contact-tags"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          data-testid="new-contact-tags"
        />
      </Field>
      {(definitions.data ?? []).map((d) => (
        <Field key={d.key} id={`new-contact-attr-${d.key}`} label={d.label}>
          <AttributeInput
            definition={d}
            idPrefix="new-contact-attr"
            value={values[d.key] ?? ''}
            onChange={(value) => setValues((prev) => ({ ...prev, [d.key]: value }))}
          />
        </Field>
      ))}
      <Field id="new-contact-opt-in" label={t('newContact.optIn')}>
        <Select
          id="new-contact-opt-in"
          value={optIn}
          onChange={(e) => setOptIn(e.target.value as typeof optIn)}
          data-testid="new-contact-opt-in"
        >
          <option value="">{t('newContact.optInUnknown')}</option>
          <option value="opted_in">{t('newContact.optInYes')}</option>
          <option value="opted_out">{t('newContact.optInNo')}</option>
        </Select>
      </Field>
      {create.isError && !phoneError ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t('newContact.cancel')}
          </Button>
        </DialogClose>
        <Button type="submit" isLoading={create.isPending} data-testid="new-contact-save">
          {t('newContact.save')}
        </Button>
      </div>
    </form>
  );
}
