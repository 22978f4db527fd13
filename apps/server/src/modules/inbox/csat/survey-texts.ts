import type { AutomatedBy, Interactive } from '@charla/contracts';

type Lang = 'es' | 'en';

const TEXTS = {
  es: {
    question: '¿Cómo valorarías la atención que recibiste?',
    button: 'Valorar',
    section: 'Tu valoración',
    scores: ['Muy mala', 'Mala', 'Regular', 'Buena', 'Excelente'],
    footer: 'Tu respuesta nos ayuda a mejorar',
    commentPrompt: '¡Gracias por tu valoración! Si quieres contarnos algo más, escríbelo en un mensaje.',
    thanks: '¡Gracias por tu comentario!',
  },
  en: {
    question: 'How would you rate the help you received?',
    button: 'Rate',
    section: 'Your rating',
    scores: ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'],
    footer: 'Your answer helps us improve',
    commentPrompt:
      'Thank you for your rating! If there is anything else you would like to tell us, write it in one message.',
    thanks: 'Thank you for your comment!',
  },
} as const;

/** The survey speaks the owner's language (as the opt-out confirmation does): Spanish unless English. */
export const surveyLanguage = (locale: string | null): Lang => (locale?.startsWith('en') ? 'en' : 'es');

/** A row id the list sends back: `csat:<survey>:<score>`. */
export const ratingRowId = (surveyId: string, score: number) => `csat:${surveyId}:${score}`;

/** The question inside the window: five rows, the best first, each with its stars. */
export function surveyList(surveyId: string, lang: Lang): Interactive {
  const t = TEXTS[lang];
  return {
    kind: 'list',
    header: null,
    body: t.question,
    footer: t.footer,
    buttons: [],
    list: {
      button: t.button,
      sections: [
        {
          title: t.section,
          rows: [5, 4, 3, 2, 1].map((score) => ({
            id: ratingRowId(surveyId, score),
            title: `${'⭐'.repeat(score)} ${score}`,
            description: t.scores[score - 1]!,
          })),
        },
      ],
    },
    cta: null,
  };
}

export const commentPrompt = (lang: Lang) => TEXTS[lang].commentPrompt;
export const commentThanks = (lang: Lang) => TEXTS[lang].thanks;

/** How the survey's messages say who sent them in the thread. */
export const surveySender = (surveyId: string): AutomatedBy => ({
  kind: 'survey',
  id: surveyId,
  name: 'CSAT',
});
