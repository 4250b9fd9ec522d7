// The app shell (top bar, navigation, Import/Export) is styled from the first
// paint of any route: its rules must not live in a screen's CSS, which now
// loads with that screen's code, on demand.
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'

test.describe('the app shell', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  for (const route of ['#/', '#/agreement', '#/workspace']) {
    test(`is styled when ${route} is the first screen opened`, async ({ page }) => {
      await page.goto(`${app.url}${route}`)
      const nav = page.locator('.topnav')
      await expect(nav).toBeVisible()
      const navStyle = await nav.evaluate((el) => ({ display: getComputedStyle(el).display, gap: getComputedStyle(el).columnGap }))
      expect(navStyle).toEqual({ display: 'flex', gap: '18px' })
      const importButton = page.getByTestId('open-import')
      await expect(importButton).toBeVisible()
      const button = await importButton.evaluate((el) => ({ radius: getComputedStyle(el).borderTopLeftRadius, background: getComputedStyle(el).backgroundColor }))
      expect(button).toEqual({ radius: '6px', background: 'rgba(0, 0, 0, 0)' })
    })
  }
})
