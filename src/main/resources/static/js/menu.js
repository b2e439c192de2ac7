// The signed-in navigation folds behind a "Menu" button at phone width. Without JavaScript the button stays
// hidden and the navigation stays open, so every link is always reachable.
(() => {
  const button = document.querySelector('.menu-toggle');
  const header = button?.closest('header');
  if (!button || !header) {
    return;
  }
  button.hidden = false;
  header.classList.add('collapsible');
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    header.classList.toggle('open', open);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && header.classList.contains('open')) {
      button.setAttribute('aria-expanded', 'false');
      header.classList.remove('open');
      button.focus();
    }
  });
})();
