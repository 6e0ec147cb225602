import { useState } from 'preact/hooks';
import { ProblemError } from './api.ts';
import { locale, t } from './i18n.ts';
import { navigate } from './router.ts';
import { login } from './session.ts';
import { useSignal } from './signal.ts';

/** 登录: the server's problem+json messages appear on the field they name. */
export function Login() {
  useSignal(locale);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ProblemError | Error | null>(null);
  const fieldError = (path: string) => (error instanceof ProblemError ? error.fieldError(path) : undefined);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await login(email, password);
      navigate('/recommendations');
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form class="login" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{t('login')}</h1>
      <label>
        {t('email')}
        <input
          type="email"
          name="email"
          autocomplete="username"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          aria-invalid={fieldError('body.email') ? 'true' : undefined}
        />
        {fieldError('body.email') && <span class="field-error">{fieldError('body.email')}</span>}
      </label>
      <label>
        {t('password')}
        <input
          type="password"
          name="password"
          autocomplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          aria-invalid={fieldError('body.password') ? 'true' : undefined}
        />
        {fieldError('body.password') && <span class="field-error">{fieldError('body.password')}</span>}
      </label>
      {error && !(error instanceof ProblemError && error.errors.length) && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit">{t('login')}</button>
      <p class="hint">{t('demoHint')}</p>
    </form>
  );
}
