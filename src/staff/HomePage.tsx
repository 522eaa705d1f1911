import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mayDo } from '../domain/staff.ts';
import { useSignedIn } from './session/session-context.ts';
import { StaffPage } from './ui/StaffPage.tsx';

/** Where each part of the console is, for this member's role. */
export function HomePage() {
  const { t } = useTranslation('staff');
  const info = useSignedIn();
  const role = info.member.role;
  const parts: Array<[string, string, string]> = [
    ['/people', t('nav.people'), t('home.people')],
    ['/applications', t('nav.applications'), t('home.applications')],
    ['/questionnaires', t('nav.questionnaires'), t('home.questionnaires')],
    ...(mayDo(role, 'audit') ? ([[`/audit?staffId=${info.member.staffId}`, t('home.myTrail'), t('home.myTrailText')]] as Array<[string, string, string]>) : []),
    ...(mayDo(role, 'accounts')
      ? ([
          ['/accounts', t('nav.accounts'), t('home.accounts')],
          ['/systems', t('nav.systems'), t('home.systems')],
        ] as Array<[string, string, string]>)
      : []),
    ['/password', t('password.title'), t('home.password')],
  ];
  return (
    <StaffPage title={t('home.title')} caption={info.prison.name}>
      <p className="govuk-body">{t('home.intro', { name: info.member.displayName, role: t(`role.${role}`) })}</p>
      <ul className="govuk-list staff-home-list">
        {parts.map(([to, label, text]) => (
          <li key={to}>
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={to}>
                {label}
              </Link>
            </h2>
            <p className="govuk-body">{text}</p>
          </li>
        ))}
      </ul>
    </StaffPage>
  );
}
