import { chromium } from 'playwright-core';
import { startDiaryServer, consentDoc, issueLogin, familySignIn, classStudents } from './tests/integration/server/diary-fixture';
import { signInDemoStaff } from './tests/integration/server/domain-fixture';
const server = await startDiaryServer();
const staff = await signInDemoStaff(server);
const students = classStudents(server, 'staff-class-teacher');
const st = students[0]!;
const g = Object.keys(st.guardians).sort()[0]!;
const issued = await issueLogin(server, staff.classTeacher, consentDoc(st, g, 'staff-class-teacher'));
console.log(issued);
const b = await familySignIn(server, issued, 'мой-пароль-77');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (const [w,h,name] of [[360,640,'phone'],[1366,768,'desktop']] as const) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  await ctx.addCookies([{ name: 'diary_session', value: b.cookie!, url: server.url + '/diary' }]);
  const page = await ctx.newPage();
  page.on('console', m => console.log('console:', m.text()));
  page.on('response', r => console.log('resp', r.status(), r.url()));
  for (const path of ['', '/marks', '/results', '/schedule', '/changes']) {
    await page.goto(`${server.url}/diary/c/${st.id}${path}`);
    await page.screenshot({ path: `/tmp/diary-look/${name}${path.replace('/','-') || '-week'}.png`, fullPage: path === '/marks' });
  }
  await page.goto(`${server.url}/diary/settings`);
  await page.screenshot({ path: `/tmp/diary-look/${name}-settings.png` });
  const ctx2 = await browser.newContext({ viewport: { width: w, height: h } });
  const p2 = await ctx2.newPage();
  await p2.goto(`${server.url}/diary/login`);
  await p2.screenshot({ path: `/tmp/diary-look/${name}-login.png` });
}
import http from 'node:http';
for (const path of ['', '/marks', '/schedule', '/results', '/changes']) for (const enc of ['br', 'gzip']) {
  const n = await new Promise<number>((resolve) => http.get(`${server.url}/diary/c/${st.id}${path}`, { headers: { cookie: `diary_session=${b.cookie}`, 'accept-encoding': enc } }, (r) => { let n = 0; r.on('data', (c) => (n += c.length)); r.on('end', () => resolve(n)); }));
  console.log('page', path || '/week', enc, n);
}
const plain = await fetch(`${server.url}/diary/c/${st.id}`, { headers: { cookie: `diary_session=${b.cookie}` , 'accept-encoding': 'identity'} });
console.log('week page plain', (await plain.arrayBuffer()).byteLength);
await browser.close();
await server.close();
