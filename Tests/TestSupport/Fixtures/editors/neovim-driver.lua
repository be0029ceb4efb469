-- Drives a real headless Neovim for nbrun's editor test, as docs/editors.md sets it up.
--
--   NBRUN_TEST_STEPS  a JSON file: { "notebook": path, "nbrun": path, "plugin": folder,
--                     "steps": [ {op = ...}, ... ] }
--   NBRUN_TEST_OUT    where to write what happened, as JSON
--
-- Steps: wait_diagnostics (until the notebook has some, or `count` of them),
-- set_line (replace 0-based `line` with `text`, as typing would), request (send `method`
-- at `line`/`character` and keep the answer under `name`), kill_sourcekit (kill the
-- sourcekit-lsp the server said it started), diagnostics (keep them under `name`),
-- wait_message (until a diagnostic's message contains `contains`), type (set `line` to
-- each prefix of `text` in turn, `pause` ms apart, as fast typing does), append (add
-- `lines` at the end).
local steps = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('NBRUN_TEST_STEPS')), '\n'))
local out = { log = {}, results = {}, diagnostics = {}, errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('NBRUN_TEST_OUT'))
  vim.cmd('qa!')
end

local ok, failure = pcall(function()
  -- The set-up docs/editors.md gives a new user, pointed at the nbrun under test.
  vim.opt.runtimepath:append(steps.plugin)
  require('nbrun').setup({ cmd = { steps.nbrun, 'lsp' } })

  vim.lsp.handlers['window/logMessage'] = function(_, result)
    table.insert(out.log, result.message)
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(steps.notebook))
  local buffer = vim.api.nvim_get_current_buf()
  if not vim.wait(60000, function() return #vim.lsp.buf_get_clients(buffer) > 0 end, 50) then
    error('nbrun lsp never attached (filetype ' .. vim.bo.filetype .. ')')
  end

  local function diagnostics()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buffer)) do
      local lsp = (d.user_data or {}).lsp or {}
      table.insert(list, {
        line = d.lnum, character = d.col, end_character = d.end_col, severity = d.severity,
        message = d.message, related = lsp.relatedInformation or vim.NIL,
      })
    end
    return list
  end

  for _, step in ipairs(steps.steps) do
    if step.op == 'wait_diagnostics' then
      local want = step.count or 1
      local started = vim.loop.hrtime()
      if not vim.wait(step.timeout or 300000, function() return #vim.diagnostic.get(buffer) >= want end, 20) then
        error('no diagnostics within the time allowed')
      end
      out.results[step.name or 'wait'] = (vim.loop.hrtime() - started) / 1e9
    elseif step.op == 'wait_message' then
      local started = vim.loop.hrtime()
      local found = vim.wait(step.timeout or 300000, function()
        for _, d in ipairs(vim.diagnostic.get(buffer)) do
          if d.message:find(step.contains, 1, true) then return true end
        end
        return false
      end, 20)
      if not found then error('no diagnostic saying ' .. step.contains) end
      out.results[step.name or step.contains] = (vim.loop.hrtime() - started) / 1e9
    elseif step.op == 'type' then
      for i = 1, #step.text do
        vim.api.nvim_buf_set_lines(buffer, step.line, step.line + 1, false, { step.text:sub(1, i) })
        vim.wait(step.pause or 20)
      end
    elseif step.op == 'append' then
      vim.api.nvim_buf_set_lines(buffer, -1, -1, false, step.lines)
    elseif step.op == 'diagnostics' then
      out.diagnostics[step.name] = diagnostics()
    elseif step.op == 'set_line' then
      vim.api.nvim_buf_set_lines(buffer, step.line, step.line + 1, false, { step.text })
    elseif step.op == 'request' then
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(buffer) },
        position = { line = step.line, character = step.character },
      }
      local answers, err = vim.lsp.buf_request_sync(buffer, step.method, params, step.timeout or 300000)
      if answers == nil then error(step.name .. ': ' .. tostring(err)) end
      for _, answer in pairs(answers) do
        out.results[step.name] = answer.result == nil and vim.NIL or answer.result
        if answer.err then out.errors[step.name] = answer.err end
      end
    elseif step.op == 'kill_sourcekit' then
      local pid = nil
      for _, line in ipairs(out.log) do
        pid = line:match('sourcekit%-lsp %(pid (%d+)%)') or pid
      end
      if pid == nil then error('the server never said it started sourcekit-lsp') end
      vim.loop.kill(tonumber(pid), 9)
      vim.wait(2000, function()
        for _, line in ipairs(out.log) do if line:match('killed by signal') then return true end end
        return false
      end, 20)
    else
      error('unknown step ' .. tostring(step.op))
    end
  end
end)
if not ok then table.insert(out.errors, tostring(failure)) end
finish()
