-- The DOCX's figures: each raw-HTML figure block of the report (<figure id="LABEL" class="report-figure"> ...
-- </figure>, which the DOCX writer would drop) becomes the PNG with its alt text as the picture's description and
-- its numbered caption below in the "Image Caption" style. What to show comes from the metadata field
-- research-figures (LABEL -> alt, caption, src), written by research.report.docx; the field is removed afterwards,
-- so the document's properties never carry it. A block without a record, or a record without a block, stops Pandoc.

local FIELD = "research-figures"
local CLOSE = "</figure>"

-- The label of a figure block's opening tag, read by Pandoc's HTML reader (nil for any other raw block).
local function opening_label(block)
  if block.t ~= "RawBlock" or block.format ~= "html" or not block.text:match("^<figure[%s>]") then
    return nil
  end
  local found
  pandoc.read(block.text .. CLOSE, "html").blocks:walk({
    Figure = function(fig)
      if fig.classes:includes("report-figure") then found = fig.identifier end
    end,
  })
  return found
end

local function docx_figure(label, record)
  local alt = pandoc.utils.type(record.alt) == "Inlines" and record.alt or pandoc.Inlines(record.alt)
  local picture = pandoc.Para({ pandoc.Image(alt, pandoc.utils.stringify(record.src)) })
  local caption = pandoc.Div({ pandoc.Para(record.caption) }, { ["custom-style"] = "Image Caption" })
  return pandoc.Div({ picture, caption }, pandoc.Attr(label, { "report-figure" }))
end

local records, placed = {}, {}

local function read_records(meta)
  records = meta[FIELD] or {}
end

local function swap_figures(blocks)
  local out, i = pandoc.Blocks({}), 1
  while i <= #blocks do
    local label = opening_label(blocks[i])
    if label then
      local record = records[label]
      if record == nil then
        error("figure " .. label .. ": the report's Markdown holds its block but no figure of that name was recorded")
      end
      local j = i + 1
      while j <= #blocks and not (blocks[j].t == "RawBlock" and blocks[j].text == CLOSE) do j = j + 1 end
      if j > #blocks then
        error("figure " .. label .. ": its block in the report's Markdown has no closing " .. CLOSE)
      end
      out:insert(docx_figure(label, record))
      placed[label] = true
      i = j + 1
    else
      out:insert(blocks[i])
      i = i + 1
    end
  end
  return out
end

local function check_and_forget(doc)
  for label in pairs(records) do
    if not placed[label] then
      error("figure " .. label .. ": its block is not in the report's Markdown, so the DOCX would lack it")
    end
  end
  doc.meta[FIELD] = nil
  return doc
end

return {
  { Meta = read_records },
  { Blocks = swap_figures },
  { Pandoc = check_and_forget },
}
