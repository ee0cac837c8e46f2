// Evidence uploads with a progress bar. The upload form is a plain multipart form
// that works without JavaScript; here it is sent with XMLHttpRequest instead, so
// an agency clerk on a slow line sees how far a 5 MB scan has got. The server
// answers with a redirect back to the proposal page, which is then shown.
(() => {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-upload')) return;
    if (typeof XMLHttpRequest === 'undefined' || typeof FormData === 'undefined') return;
    event.preventDefault();
    const progress = form.querySelector('[data-upload-progress]');
    const button = form.querySelector('button[type="submit"]');
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (step) => {
      if (!progress || !step.lengthComputable) return;
      progress.hidden = false;
      progress.value = Math.round((step.loaded / step.total) * 100);
    });
    const finish = () => {
      // The redirect was followed: show where the server sent us.
      window.location.assign(request.responseURL || window.location.href);
    };
    request.addEventListener('load', finish);
    request.addEventListener('error', () => {
      if (button) button.disabled = false;
      if (progress) progress.hidden = true;
      let note = form.querySelector('[data-upload-failed]');
      if (!note) {
        note = document.createElement('p');
        note.className = 'field-error';
        note.setAttribute('role', 'alert');
        note.setAttribute('data-upload-failed', '');
        form.prepend(note);
      }
      note.textContent = document.documentElement.lang === 'en'
        ? 'The upload did not reach the server. Check the connection and try again.'
        : 'Unggahan tidak sampai ke server. Periksa koneksi lalu coba lagi.';
    });
    if (button) button.disabled = true;
    request.send(new FormData(form));
  });
})();
