// The diary's only script (served at /diary/diary.js): the CSP forbids plain form submission
// (form-action 'none'), so the diary's few forms are sent with fetch as JSON with a header no
// other site can add, and the page follows the server's answer. Old phones' browsers: ES5 only.
export const DIARY_SCRIPT = `(function () {
  'use strict';
  function fields(form) {
    var data = {};
    var els = form.elements;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!el.name || el.disabled) continue;
      if (el.type === 'checkbox') data[el.name] = el.checked;
      else data[el.name] = el.value;
    }
    return data;
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute('data-diary')) return;
    event.preventDefault();
    var out = form.querySelector('[data-error]');
    var button = form.querySelector('button[type=submit]');
    if (out) out.textContent = '';
    if (button) button.disabled = true;
    var failed = function (message) {
      if (button) button.disabled = false;
      if (out) out.textContent = message;
      else alert(message);
    };
    fetch(form.getAttribute('action'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-diary-form': '1' },
      body: JSON.stringify(fields(form))
    }).then(function (res) {
      return res.json().catch(function () { return null; });
    }).then(function (body) {
      if (body && body.location) { window.location.assign(body.location); return; }
      failed(body && body.error && body.error.message ? body.error.message : 'Не удалось отправить. Повторите попытку.');
    }, function () {
      failed('Нет связи с сервером школы. Проверьте интернет и повторите.');
    });
  });
})();
`;
