import { ShoppingCart } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { OrderContent } from './content-types';
import { MessageText } from './message-text';

function formatMoney(amount: number, currency: string | null, language: string): string {
  if (!currency) return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(amount);
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** An order from the catalogue: one row per product, and the total when prices are known. */
export function OrderCard({ content }: { content: OrderContent }) {
  const { t, i18n } = useTranslation();
  const currencies = new Set(content.items.map((item) => item.currency));
  const canTotal = currencies.size === 1 && content.items.every((item) => item.price !== null);
  const total = content.items.reduce((sum, item) => sum + item.quantity * (item.price ?? 0), 0);
  const count = content.items.reduce((sum, item) => sum + item.quantity, 0);

  return (
    <div data-testid="order-card" className="w-72 max-w-full">
      <div className="flex items-center gap-2 rounded-lg bg-black/[0.04] p-2.5 dark:bg-white/[0.06]">
        <ShoppingCart aria-hidden className="size-5 text-brand-700 dark:text-brand-300" />
        <div>
          <p className="font-medium">{t('inbox.order.title')}</p>
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {t('inbox.order.itemCount', { count })}
          </p>
        </div>
      </div>
      <table className="mt-1.5 w-full text-sm">
        <thead className="text-left text-xs text-neutral-500 dark:text-neutral-400">
          <tr>
            <th className="py-1 pr-2 font-medium">{t('inbox.order.product')}</th>
            <th className="py-1 pr-2 text-right font-medium">{t('inbox.order.quantity')}</th>
            <th className="py-1 text-right font-medium">{t('inbox.order.price')}</th>
          </tr>
        </thead>
        <tbody>
          {content.items.map((item) => (
            <tr key={item.productId} className="border-t border-black/5 dark:border-white/10">
              <td className="py-1 pr-2 [overflow-wrap:anywhere]">{item.productId}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{item.quantity}</td>
              <td className="py-1 text-right tabular-nums">
                {item.price === null ? '—' : formatMoney(item.price, item.currency, i18n.language)}
              </td>
            </tr>
          ))}
        </tbody>
        {canTotal ? (
          <tfoot>
            <tr className="border-t border-black/10 font-semibold dark:border-white/15">
              <td className="py-1" colSpan={2}>
                {t('inbox.order.total')}
              </td>
              <td className="py-1 text-right tabular-nums">
                {formatMoney(total, content.items[0]?.currency ?? null, i18n.language)}
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
      {content.text ? <MessageText text={content.text} className="mt-1" /> : null}
    </div>
  );
}
