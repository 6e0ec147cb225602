import { chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with no background traffic (the machine has no network). */
export const launchChromium = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });

/** Signs in through the login form; the app then lands on 智能推荐. */
export async function signInPage(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: '登录' }).last().click();
  await page.waitForURL(/\/recommendations$/);
}
