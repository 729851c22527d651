import { useTranslation } from 'react-i18next';
import type { Registered } from '../register/registered';
import { fileSize, typeName } from '../../ui/file-size';
import { uploadFailureText } from '../attachments/file-picker';

/**
 * Said once after the counter registers a case: its reference, and the receipt of the files that
 * came with it (name, kind, size, as stored); a file the server did not take is named, with why.
 */
export function RegistrationReceipt({ registered }: { registered: Registered }) {
  const { t } = useTranslation();
  const { received, notReceived } = registered;
  return (
    <div className="notice notice-success registration-receipt">
      <p>{t('case.registered', { reference: registered.registered })}</p>
      {received.length > 0 ? (
        <>
          <p>{t('attachments.receiptTitle', { count: received.length })}</p>
          <table className="data-table compact receipt-files">
            <thead>
              <tr>
                <th scope="col">{t('attachments.name')}</th>
                <th scope="col">{t('attachments.type')}</th>
                <th scope="col">{t('attachments.size')}</th>
              </tr>
            </thead>
            <tbody>
              {received.map((file) => (
                <tr key={file.id}>
                  <td>{file.name}</td>
                  <td>{typeName(file.type)}</td>
                  <td>{fileSize(file.size)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {notReceived ? (
        <p className="action-error" role="alert">
          {t('attachments.notReceived', { names: notReceived.names.join(t('problems.separator')), why: uploadFailureText(t, notReceived.failure) })}
        </p>
      ) : null}
    </div>
  );
}
