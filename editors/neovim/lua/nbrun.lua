-- nbrun's language server in Neovim 0.7 or later (Debian 12 ships 0.7.2, whose client has
-- vim.lsp.start_client and vim.lsp.buf_attach_client; vim.lsp.start came in 0.8).
--
-- Put this folder (editors/neovim of nbrun's repository) on the runtime path, or copy this
-- file to ~/.config/nvim/lua/nbrun.lua, and put in ~/.config/nvim/init.lua:
--
--     vim.opt.runtimepath:append('/path/to/nbrun/editors/neovim')  -- unless you copied it
--     require('nbrun').setup()
--
-- or, when nbrun is not on PATH:
--
--     require('nbrun').setup({ cmd = { '/path/to/nbrun', 'lsp' } })
--
-- Every Markdown buffer is attached to one `nbrun lsp`, which answers inside swift-cell
-- fences only. See docs/editors.md.
local M = {}

function M.setup(options)
  options = options or {}
  local cmd = options.cmd or { 'nbrun', 'lsp' }
  local client_id = nil
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'markdown',
    callback = function(event)
      if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
        client_id = vim.lsp.start_client({
          name = 'nbrun',
          cmd = cmd,
          root_dir = vim.fn.getcwd(),
        })
      end
      if client_id ~= nil then
        vim.lsp.buf_attach_client(event.buf, client_id)
        -- Ctrl-X Ctrl-O completes from the server.
        vim.bo[event.buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
      end
    end,
  })
end

return M
