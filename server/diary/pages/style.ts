// The diary's one stylesheet, inlined in every page (no extra round trip on a 3G phone): mobile
// first, the system font, no images, no web fonts.
export const DIARY_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d232a;background:#f4f6f8}
a{color:#0b57a4}
.wrap{max-width:760px;margin:0 auto;padding:0 10px 24px}
header.top{background:#0b57a4;color:#fff;padding:8px 10px}
header.top .wrap{padding:0}
header.top a{color:#fff;text-decoration:none}
.school{font-size:13px;opacity:.85}
.who{font-weight:600;font-size:17px}
.kids{margin:4px 0 0;font-size:14px}
.kids a{display:inline-block;margin-right:10px;text-decoration:underline}
.kids [aria-current]{text-decoration:none;font-weight:600}
nav.tabs{display:flex;flex-wrap:wrap;gap:2px;background:#fff;border-bottom:1px solid #d5dbe1;padding:0 max(0px,calc((100% - 760px)/2))}
nav.tabs a,nav.tabs button{flex:none;white-space:nowrap;padding:10px 11px;text-decoration:none;color:#1d232a;font-size:15px;border:0;background:none;font-family:inherit;cursor:pointer}
nav.tabs [aria-current]{border-bottom:3px solid #0b57a4;font-weight:600}
nav.tabs form{margin-left:auto}
h1{font-size:20px;margin:14px 0 6px}
h2{font-size:17px;margin:16px 0 6px}
.pager{display:flex;justify-content:space-between;align-items:center;gap:8px;margin:8px 0}
.pager a{padding:6px 0}
.periods{display:flex;flex-wrap:wrap;gap:4px 14px;margin:8px 0}
.periods a,.periods strong{white-space:nowrap}
ul.log{list-style:none;margin:8px 0;padding:0;background:#fff;border:1px solid #d5dbe1;border-radius:8px}
ul.log li{padding:7px 10px;border-top:1px solid #eceff2;overflow-wrap:anywhere}
ul.log li:first-child{border-top:0}
ul.log .past{color:#5b6570}
ul.log [aria-current]{background:#fff8e1}
.day{background:#fff;border:1px solid #d5dbe1;border-radius:8px;margin:10px 0;padding:2px 10px 6px}
.day.today{border-color:#0b57a4;box-shadow:0 0 0 1px #0b57a4}
.day h2 small{font-weight:400;color:#0b57a4}
.holiday{color:#6b5b00}
.lesson{display:flex;gap:8px;padding:7px 0;border-top:1px solid #eceff2}
.lesson:first-of-type{border-top:0}
.num{flex:none;width:44px;color:#5b6570;font-size:13px}
.num b{display:block;font-size:16px;color:#1d232a}
.body{flex:1;min-width:0}
.subj{font-weight:600}
.meta,.note{font-size:14px;color:#5b6570}
.topic,.hw{font-size:15px;overflow-wrap:anywhere}
.hw b,.topic b{font-weight:600}
.cancelled .subj{text-decoration:line-through}
.badge{display:inline-block;font-size:12px;padding:0 6px;border-radius:9px;background:#fff2cc;color:#6b5b00;margin-left:4px;vertical-align:1px}
.badge.test{background:#fde2e1;color:#8a1c14}
.marks{margin-top:3px}
.mark{display:inline-block;min-width:26px;padding:1px 6px;margin:2px 6px 2px 0;border-radius:6px;font-weight:700;text-align:center;background:#e8edf2}
.m5{background:#d9f2df;color:#14532d}.m4{background:#dbeafe;color:#1e3a8a}.m3{background:#fef3c7;color:#78350f}.m2,.m1{background:#fee2e2;color:#7f1d1d}
.absent{background:#eceff2;color:#7f1d1d}
.why{font-size:13px;color:#5b6570}
.card{background:#fff;border:1px solid #d5dbe1;border-radius:8px;margin:10px 0;padding:8px 10px}
.card h2{margin:2px 0 4px;display:flex;justify-content:space-between;gap:8px}
.res{font-size:14px;white-space:nowrap}
.res strong{font-size:18px}
details{margin-top:4px;font-size:14px}
summary{cursor:pointer;color:#0b57a4}
details p{margin:4px 0}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #d5dbe1;padding:5px 6px;text-align:left;vertical-align:top}
th{background:#eef2f6}
.scroll{overflow-x:auto}
td.c{text-align:center;font-weight:600}
form.box{background:#fff;border:1px solid #d5dbe1;border-radius:8px;padding:12px;margin:12px 0}
label{display:block;margin:10px 0 4px;font-weight:600}
input[type=text],input[type=password],input[type=email]{width:100%;font:inherit;padding:10px;border:1px solid #9aa5b1;border-radius:6px}
.check{display:flex;gap:8px;align-items:flex-start;font-weight:400}
.check input{margin-top:4px}
button.primary{margin-top:14px;width:100%;font:inherit;font-weight:600;padding:11px;border:0;border-radius:6px;background:#0b57a4;color:#fff}
button:disabled{opacity:.6}
.error{color:#9b1c1c;font-weight:600;min-height:1em}
.notice{background:#fff8e1;border:1px solid #f0d58c;border-radius:8px;padding:8px 10px;margin:10px 0}
.empty{color:#5b6570}
footer{font-size:12px;color:#5b6570;margin-top:18px}
@media (min-width:700px){.num{width:56px}}
`.replace(/\n/g, '');
