// Copy buttons: <button class="copy" data-copy="#selector"> copies that element's text to the clipboard.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button.copy');
  if (!button) {
    return;
  }
  const source = document.querySelector(button.dataset.copy);
  if (!source) {
    return;
  }
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = 'Copied';
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
  }
});
