-- Neovim (0.7+) as an independent LSP client of the action-plan language server. Run headless by
-- test/nvim/nvim.test.ts:  nvim --headless -u README-snippet.lua -i NONE -n -c 'luafile test/nvim/lsp.lua' FILE
-- (the README's Neovim 0.7 snippet, verbatim, starts and attaches the client). AP_OUT: where the JSON results go.
local out = os.getenv('AP_OUT')
local results = { filetype = vim.bo.filetype }

local function finish(ok, err)
  results.ok = ok
  results.error = err
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(results))
  f:close()
  if ok then vim.cmd('qa!') else vim.cmd('cq') end
end

results.messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, result)
  table.insert(results.messages, result.message)
end

local status, err = pcall(function()
  -- The client is started and attached by the README's snippet (loaded as init.lua): wait for it on this buffer.
  local client
  assert(vim.wait(15000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(0)) do client = c end
    return client ~= nil and client.initialized
  end, 20), 'no language client attached to the opened file (clients=' .. #vim.tbl_keys(vim.lsp.buf_get_clients(0)) .. ')')
  results.client = client.name

  -- Push diagnostics (Neovim 0.7 does not pull).
  assert(vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 20), 'no diagnostics')
  results.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(results.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
      code = lsp.code or d.code, range = lsp.range, data = lsp.data,
    })
  end

  local uri = vim.uri_from_bufnr(0)
  local function hover(line, character)
    local resp = vim.lsp.buf_request_sync(0, 'textDocument/hover',
      { textDocument = { uri = uri }, position = { line = line, character = character } }, 10000)
    assert(resp, 'hover timed out')
    for _, r in pairs(resp) do
      if r.err then error('hover error: ' .. vim.inspect(r.err)) end
      return r.result
    end
  end
  results.hoverAgency = hover(1, 5)     -- 公安部
  results.hoverCitation = hover(1, 30)  -- 《行动计划（2021—2030年）》二（一）2（1）
  local def = vim.lsp.buf_request_sync(0, 'textDocument/definition',
    { textDocument = { uri = uri }, position = { line = 1, character = 30 } }, 10000)
  for _, r in pairs(def or {}) do results.definition = r.result end
end)

if status then finish(true) else finish(false, tostring(err)) end
